package dev.praetor.gateway;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * The few Prefect Cloud routes the stock client's {@code CloudClient} reads ({@code prefect cloud login},
 * {@code api_healthcheck}, collections): {@code GET /api/me/workspaces}, the workspaces the caller's key may use,
 * and {@code GET /api/accounts/{a}/workspaces/{w}}, the workspace itself.
 */
@Singleton
public class CloudRoutes {

    private final ApiKeys apiKeys;
    private final ApiKeyRepository repository;

    CloudRoutes(ApiKeys apiKeys, ApiKeyRepository repository) {
        this.apiKeys = apiKeys;
        this.repository = repository;
    }

    /** True for a path of the plain prefix that this class answers. */
    static boolean isMeRoute(ApiPath path) {
        return !path.isWorkspacePrefix() && (path.prefectPath().equals("/me/workspaces")
                || path.prefectPath().equals("/me/workspaces/"));
    }

    /** True for the bare Cloud-style prefix, which names the workspace itself. */
    static boolean isWorkspaceRoute(ApiPath path) {
        return path.isWorkspacePrefix() && (path.prefectPath().isEmpty() || path.prefectPath().equals("/"));
    }

    /** {@code GET /api/me/workspaces}: the one workspace of the caller's key, in Cloud's {@code Workspace} shape. */
    void answerMe(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        if (!isRead(request, response)) {
            return;
        }
        String secret = ApiAuthenticator.bearerSecret(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (secret == null) {
            JsonResponses.send(response, 401, JsonResponses.NOT_AUTHENTICATED);
            return;
        }
        apiKeys.authenticate(secret)
                .compose(key -> key == null ? Future.<Workspace>succeededFuture() : repository.findWorkspace(key.workspaceId()))
                .onComplete(found -> {
                    if (found.failed()) {
                        JsonResponses.send(response, 500, JsonResponses.INTERNAL_SERVER_ERROR);
                    } else if (found.result() == null) {
                        JsonResponses.send(response, 401, JsonResponses.INVALID_API_KEY);
                    } else {
                        JsonResponses.send(response, 200, new JsonArray().add(found.result().toJson()).toBuffer());
                    }
                });
    }

    /** {@code GET /api/accounts/{a}/workspaces/{w}} once the caller is known to be allowed there. */
    void answerWorkspace(HttpServerRequest request, WorkspaceScope scope) {
        HttpServerResponse response = request.response();
        if (!isRead(request, response)) {
            return;
        }
        repository.findWorkspace(UUID.fromString(scope.workspaceId())).onComplete(found -> {
            if (found.failed()) {
                JsonResponses.send(response, 500, JsonResponses.INTERNAL_SERVER_ERROR);
            } else if (found.result() == null
                    || !found.result().accountId().toString().equals(scope.accountId())) {
                JsonResponses.send(response, 404, JsonResponses.NOT_FOUND);
            } else {
                JsonResponses.send(response, 200, found.result().toJson().toBuffer());
            }
        });
    }

    private static boolean isRead(HttpServerRequest request, HttpServerResponse response) {
        if (HttpMethod.GET.equals(request.method())) {
            return true;
        }
        response.putHeader(HttpHeaders.ALLOW, "GET");
        JsonResponses.send(response, 405, JsonResponses.METHOD_NOT_ALLOWED);
        return false;
    }
}
