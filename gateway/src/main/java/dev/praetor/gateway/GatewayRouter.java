package dev.praetor.gateway;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.function.Consumer;
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

    private static final CharSequence RETRY_AFTER = HttpHeaders.createOptimized("Retry-After");

    private final RootRoutes rootRoutes;
    private final Upstreams upstreams;
    private final WorkspaceResolver workspaceResolver;
    private final ReverseProxy proxy;
    private final CloudRoutes cloudRoutes;
    private final OpenApiDocument openApi;
    private final ApiAuthenticator authenticator;

    GatewayRouter(RootRoutes rootRoutes, Upstreams upstreams, WorkspaceResolver workspaceResolver,
            ReverseProxy proxy, CloudRoutes cloudRoutes, OpenApiDocument openApi, ApiAuthenticator authenticator) {
        this.openApi = openApi;
        this.authenticator = authenticator;
        this.rootRoutes = rootRoutes;
        this.upstreams = upstreams;
        this.workspaceResolver = workspaceResolver;
        this.proxy = proxy;
        this.cloudRoutes = cloudRoutes;
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
        if (rootRoute != null) {
            answerRootRoute(rootRoute, path, request, response, context);
            return;
        }
        if (isOpenApiDocument(path)) {
            authorize(request, path, response, context, scope -> openApi.document().onComplete(document -> {
                if (document.succeeded()) {
                    JsonResponses.send(response, 200, document.result());
                } else {
                    context.fail(document.cause());
                }
            }));
            return;
        }
        if (CloudRoutes.isMeRoute(path)) {
            cloudRoutes.answerMe(request);
            return;
        }
        if (CloudRoutes.isWorkspaceRoute(path)) {
            authorize(request, path, response, context, scope -> cloudRoutes.answerWorkspace(request, scope));
            return;
        }
        AutomationRoutes.Answer automations = AutomationRoutes.of(request.method(), path.prefectPath());
        if (automations != null) {
            if (!rejectedApiVersion(request, response)) {
                authorize(request, path, response, context, scope -> AutomationRoutes.answer(automations, request));
            }
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
        if (authenticator.needsFirstFrameAuth(request, path)) {
            authenticator.scopeOf(request, path).onComplete(resolved -> {
                if (resolved.failed()) {
                    JsonResponses.send(response, 404, JsonResponses.NOT_FOUND);
                } else {
                    WorkspaceScope scope = resolved.result();
                    proxy.forward(request, upstream, path, scope,
                            token -> authenticator.acceptsFrameToken(token, scope, path));
                }
            });
            return;
        }
        authorize(request, path, response, context, scope -> proxy.forward(request, upstream, path, scope));
    }

    /** Resolves the workspace and checks the caller may act in it, then goes on; refusals are answered here. */
    private void authorize(HttpServerRequest request, ApiPath path, HttpServerResponse response,
            RoutingContext context, Consumer<WorkspaceScope> allowed) {
        workspaceResolver.resolve(request, path).onComplete(resolved -> {
            if (resolved.succeeded()) {
                allowed.accept(resolved.result());
            } else if (resolved.cause() instanceof GatewayRejection rejection) {
                if (rejection.retryAfterSeconds() > 0) {
                    response.putHeader(RETRY_AFTER, Long.toString(rejection.retryAfterSeconds()));
                }
                JsonResponses.send(response, rejection.status(), rejection.body());
            } else {
                context.fail(resolved.cause());
            }
        });
    }

    private static boolean isOpenApiDocument(ApiPath path) {
        return path.prefectPath().equals("/openapi.json");
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

    private void answerRootRoute(RootRoutes.Route route, ApiPath path, HttpServerRequest request,
            HttpServerResponse response, RoutingContext context) {
        if (!route.methods.contains(request.method())) {
            RootRoutes.methodNotAllowed(response, route);
        } else if (!route.versionChecked || !rejectedApiVersion(request, response)) {
            // As Prefect's basic auth: every route needs credentials but the probes, which hold no data.
            if (route == RootRoutes.Route.HEALTH || route == RootRoutes.Route.READY) {
                rootRoutes.answer(route, request);
            } else {
                authorize(request, path, response, context, scope -> rootRoutes.answer(route, request));
            }
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
