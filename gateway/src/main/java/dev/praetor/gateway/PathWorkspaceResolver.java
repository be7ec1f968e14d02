package dev.praetor.gateway;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;

/**
 * Resolves the workspace from the path alone: the plain prefix acts in the configured default workspace, the
 * Cloud-style prefix in the workspace it names. {@link ApiAuthenticator} then checks the caller may act there.
 */
@Singleton
public class PathWorkspaceResolver {

    /** Built once: the plain prefix resolves the same way for every request. */
    private final Future<WorkspaceScope> plainPrefix;

    PathWorkspaceResolver(GatewayConfig config) {
        String defaultWorkspaceId = config.defaultWorkspaceId();
        String canonical = ApiPath.canonicalUuid(defaultWorkspaceId, 0, defaultWorkspaceId.length());
        if (canonical == null) {
            throw new IllegalArgumentException("praetor.gateway.default-workspace-id is not a UUID: " + defaultWorkspaceId);
        }
        plainPrefix = config.defaultWorkspaceEnabled()
                ? Future.succeededFuture(new WorkspaceScope(null, canonical))
                : Future.failedFuture(GatewayRejection.NOT_FOUND);
    }

    public Future<WorkspaceScope> resolve(HttpServerRequest request, ApiPath path) {
        if (!path.isWorkspacePrefix()) {
            return plainPrefix;
        }
        return Future.succeededFuture(new WorkspaceScope(path.accountId(), path.workspaceId()));
    }
}
