package dev.praetor.gateway;

import static dev.praetor.gateway.JsonResponses.json;
import static dev.praetor.gateway.JsonResponses.send;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * The routes the gateway answers itself, under either prefix: Prefect's app-level and root routes (conventions.md §1,
 * §5) and the admin router (other-resources.md §8).
 */
@Singleton
public class RootRoutes {

    /** The server API version Praetor speaks (Prefect's {@code SERVER_API_VERSION}). */
    static final String API_VERSION = "0.8.4";

    enum Route {
        HEALTH("/health", false, Set.of(HttpMethod.GET, HttpMethod.HEAD)),
        VERSION("/version", false, Set.of(HttpMethod.GET, HttpMethod.HEAD)),
        HELLO("/hello", true, Set.of(HttpMethod.GET, HttpMethod.HEAD)),
        READY("/ready", true, Set.of(HttpMethod.GET, HttpMethod.HEAD)),
        ADMIN_VERSION("/admin/version", true, Set.of(HttpMethod.GET, HttpMethod.HEAD)),
        ADMIN_SETTINGS("/admin/settings", true, Set.of(HttpMethod.GET, HttpMethod.HEAD)),
        ADMIN_STORAGE("/admin/storage", true, Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT, HttpMethod.DELETE)),
        CSRF_TOKEN("/csrf-token", true, Set.of(HttpMethod.GET, HttpMethod.HEAD));

        final String path;
        /** Prefect checks X-PREFECT-API-VERSION on router routes, not on the app-level /health and /version. */
        final boolean versionChecked;
        final Set<HttpMethod> methods;
        final String allowHeader;

        Route(String path, boolean versionChecked, Set<HttpMethod> methods) {
            this.path = path;
            this.versionChecked = versionChecked;
            this.methods = methods;
            this.allowHeader = String.join(", ", methods.stream().map(HttpMethod::name).sorted().toList());
        }

        /** @return the route of a Prefect path, with or without its trailing slash, or null */
        static Route of(String prefectPath) {
            int end = prefectPath.endsWith("/") ? prefectPath.length() - 1 : prefectPath.length();
            for (Route route : values()) {
                if (end == route.path.length() && prefectPath.startsWith(route.path)) {
                    return route;
                }
            }
            return null;
        }
    }

    private static final Buffer HEALTHY = json("true");
    private static final Buffer API_VERSION_BODY = json("\"" + API_VERSION + "\"");
    private static final Buffer HELLO_BODY = json("\"\uD83D\uDC4B\"");
    private static final Buffer READY_BODY = json("{\"message\":\"OK\"}");
    private static final Buffer NOT_READY_BODY = json("{\"message\":\"Database is not available\"}");
    private static final Buffer NO_DEFAULT_STORAGE = json("{\"default_result_storage_block_id\":null}");
    private static final Buffer STORAGE_NOT_SETTABLE = JsonResponses.detail(
            "Setting a server default result storage block is not supported yet.");
    private static final Buffer CSRF_DISABLED = json("{\"detail\":\"CSRF protection is disabled.\"}");
    private static final Buffer CSRF_CLIENT_MISSING = json("{\"exception_message\":\"Invalid request received.\","
            + "\"exception_detail\":[{\"type\":\"missing\",\"loc\":[\"query\",\"client\"],\"msg\":\"Field required\","
            + "\"input\":null}],\"request_body\":null}");

    private final Buffer prefectVersion;
    private final AdminSettings adminSettings;
    private final UpstreamReadiness readiness;

    RootRoutes(GatewayConfig config, AdminSettings adminSettings, UpstreamReadiness readiness) {
        this.prefectVersion = json(Json.encode(config.prefectVersion()));
        this.adminSettings = adminSettings;
        this.readiness = readiness;
    }

    static void methodNotAllowed(HttpServerResponse response, Route route) {
        response.putHeader(HttpHeaders.ALLOW, route.allowHeader);
        send(response, 405, JsonResponses.METHOD_NOT_ALLOWED);
    }

    /** Answers a request whose method the route allows and whose version header passed. */
    void answer(Route route, HttpServerRequest request) {
        HttpServerResponse response = request.response();
        switch (route) {
            case HEALTH -> send(response, 200, HEALTHY);
            case VERSION -> send(response, 200, API_VERSION_BODY);
            case HELLO -> send(response, 200, HELLO_BODY);
            case READY -> readiness.allReady().onComplete(ready ->
                    send(response, ready.result() ? 200 : 503, ready.result() ? READY_BODY : NOT_READY_BODY));
            case ADMIN_VERSION -> send(response, 200, prefectVersion);
            case ADMIN_SETTINGS -> send(response, 200, adminSettings.body());
            case ADMIN_STORAGE -> answerStorage(request.method(), response);
            // The Python client asks for a token before its first write and stops asking on this exact 422.
            case CSRF_TOKEN -> send(response, 422, request.params().contains("client") ? CSRF_DISABLED : CSRF_CLIENT_MISSING);
        }
    }

    /**
     * Praetor has no server default result storage yet: reading says none is set and clearing has nothing to do, but
     * setting one needs the block documents of config-service and is refused until that exists.
     */
    private static void answerStorage(HttpMethod method, HttpServerResponse response) {
        if (HttpMethod.DELETE.equals(method)) {
            response.setStatusCode(204).end();
        } else if (HttpMethod.PUT.equals(method)) {
            send(response, 501, STORAGE_NOT_SETTABLE);
        } else {
            send(response, 200, NO_DEFAULT_STORAGE);
        }
    }
}
