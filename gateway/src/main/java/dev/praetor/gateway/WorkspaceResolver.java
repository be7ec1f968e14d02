package dev.praetor.gateway;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;

/**
 * Decides which workspace a request may act in. This is the seam for authentication: API keys will be checked here
 * (a key must be allowed to use the workspace its path names), which is why the answer is asynchronous. A refusal is
 * a future failed with a {@link GatewayRejection} carrying the status and body to answer. The future must complete
 * on the request's Vert.x context (as futures of Vert.x clients called from it do), so that the proxied exchange
 * stays on the request's event loop.
 */
public interface WorkspaceResolver {

    Future<WorkspaceScope> resolve(HttpServerRequest request, ApiPath path);
}
