package dev.praetor.gateway;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * The gateway's entry point on the Vert.x router: every {@code /api} request is decided here, in one handler that
 * does its own path dispatch (cheaper than many router routes); other paths ({@code /q/health}...) go on to Quarkus.
 */
@Singleton
public class GatewayRouter {

    private static final Logger LOG = Logger.getLogger(GatewayRouter.class);

    /**
     * Ahead of Quarkus' own upload-limit route, so that {@code /api} requests get the gateway's JSON 413 and their
     * body limit, and before anything that could read a body the proxy must stream.
     */
    private static final int API_ROUTE_ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;

    private final RootRoutes rootRoutes;
    private final Upstreams upstreams;
    private final WorkspaceResolver workspaceResolver;
    private final ReverseProxy proxy;

    GatewayRouter(RootRoutes rootRoutes, Upstreams upstreams, WorkspaceResolver workspaceResolver,
            ReverseProxy proxy) {
        this.rootRoutes = rootRoutes;
        this.upstreams = upstreams;
        this.workspaceResolver = workspaceResolver;
        this.proxy = proxy;
    }

    void install(@Observes Router router) {
        router.route().order(API_ROUTE_ORDER).handler(this::handle).failureHandler(this::handleFailure);
        // Whatever nothing else answered: Prefect's 404 body instead of Quarkus' HTML page.
        router.route().order(RouteConstants.ROUTE_ORDER_AFTER_DEFAULT)
                .handler(context -> JsonResponses.send(context.response(), 404, JsonResponses.NOT_FOUND));
    }

    private void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String rawPath = request.path();
        if (!ApiPath.isApi(rawPath)) {
            context.next();
            return;
        }
        HttpServerResponse response = request.response();
        ApiPath path = ApiPath.parse(rawPath);
        if (path == null) {
            JsonResponses.send(response, 404, JsonResponses.NOT_FOUND);
            return;
        }
        RootRoutes.Route rootRoute = RootRoutes.Route.of(path.prefectPath());
        // Root routes hold no workspace data, so they need no workspace resolution.
        if (rootRoute != null) {
            answerRootRoute(rootRoute, request, response);
            return;
        }
        String upstreamName = RoutingTable.upstreamFor(path.prefectPath());
        Upstream upstream = upstreamName == null ? null : upstreams.get(upstreamName);
        if (upstream == null || RoutingTable.hasDotSegment(path.prefectPath())) {
            JsonResponses.send(response, 404, JsonResponses.NOT_FOUND);
            return;
        }
        if (rejectedApiVersion(request, response)) {
            return;
        }
        workspaceResolver.resolve(request, path).onComplete(resolved -> {
            if (resolved.succeeded()) {
                proxy.forward(request, upstream, path, resolved.result());
            } else if (resolved.cause() instanceof GatewayRejection rejection) {
                JsonResponses.send(response, rejection.status(), rejection.body());
            } else {
                context.fail(resolved.cause());
            }
        });
    }

    /** A fault in the gateway itself: Prefect's 500 body for API paths, Quarkus' error page elsewhere. */
    private void handleFailure(RoutingContext context) {
        if (!ApiPath.isApi(context.request().path())) {
            context.next();
            return;
        }
        LOG.errorf(context.failure(), "Failed %s %s", context.request().method(), context.request().uri());
        HttpServerResponse response = context.response();
        if (response.headWritten()) {
            response.reset();
        } else {
            response.headers().clear();
            JsonResponses.send(response, 500, JsonResponses.INTERNAL_SERVER_ERROR);
        }
    }

    private void answerRootRoute(RootRoutes.Route route, HttpServerRequest request, HttpServerResponse response) {
        if (!route.methods.contains(request.method())) {
            RootRoutes.methodNotAllowed(response, route);
        } else if (!route.versionChecked || !rejectedApiVersion(request, response)) {
            rootRoutes.answer(route, request);
        }
    }

    /** Applies the X-PREFECT-API-VERSION rule; answers 400 and returns true when the header is refused. */
    private static boolean rejectedApiVersion(HttpServerRequest request, HttpServerResponse response) {
        String rejection = ApiVersionCheck.rejection(request.getHeader(ApiVersionCheck.HEADER));
        if (rejection == null) {
            return false;
        }
        JsonResponses.send(response, 400, JsonResponses.detail(rejection));
        return true;
    }
}
