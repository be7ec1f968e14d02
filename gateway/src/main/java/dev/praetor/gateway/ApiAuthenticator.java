package dev.praetor.gateway;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Who may act in the workspace a request names. Credentials, in the {@code Authorization} header:
 * <ul>
 * <li>{@code Bearer <API key>}: the key must be active and belong to the workspace (and account) of the path, else
 * 401 (bad, revoked, expired) or 403 (another workspace). A bad key is refused even where no key is required: a
 * caller that sends one means to use it.</li>
 * <li>{@code Basic base64(auth string)}, Prefect's self-hosted auth ({@code PREFECT_SERVER_API_AUTH_STRING}): when an
 * auth string is configured, every request needs it or a key, else 401 {@code {"exception_message":"Unauthorized"}}
 * as Prefect answers. It opens the prefixes that do not require a key, not a Cloud-style workspace that does: a
 * shared string must not reach across tenants.</li>
 * </ul>
 * Without credentials a request passes where its prefix needs none ({@code auth.*-requires-key}). Then the
 * workspace's rate limit applies. WebSocket upgrades go through the same check: the 3.9 client sends
 * {@code Authorization} on the upgrade in both modes (Basic for self-hosted with an auth string, Bearer for Cloud).
 */
@Singleton
public class ApiAuthenticator implements WorkspaceResolver {

    private static final GatewayRejection BASIC_AUTH_REFUSED = new GatewayRejection(401, JsonResponses.UNAUTHORIZED);
    private static final GatewayRejection NOT_AUTHENTICATED = new GatewayRejection(401, JsonResponses.NOT_AUTHENTICATED);
    private static final GatewayRejection INVALID_API_KEY = new GatewayRejection(401, JsonResponses.INVALID_API_KEY);
    private static final GatewayRejection WORKSPACE_FORBIDDEN = new GatewayRejection(403, JsonResponses.WORKSPACE_FORBIDDEN);
    private static final String BEARER = "bearer ";
    private static final String BASIC = "basic ";

    private final PathWorkspaceResolver paths;
    private final ApiKeys apiKeys;
    private final RateLimiter rateLimiter;
    private final byte[] basicAuthString;
    private final boolean defaultWorkspaceRequiresKey;
    private final boolean workspacePrefixRequiresKey;

    ApiAuthenticator(PathWorkspaceResolver paths, ApiKeys apiKeys, RateLimiter rateLimiter, GatewayConfig config) {
        this.paths = paths;
        this.apiKeys = apiKeys;
        this.rateLimiter = rateLimiter;
        this.basicAuthString = config.auth().basicAuthString()
                .map(value -> value.getBytes(StandardCharsets.UTF_8)).orElse(null);
        this.defaultWorkspaceRequiresKey = config.auth().defaultWorkspaceRequiresKey();
        this.workspacePrefixRequiresKey = config.auth().workspacePrefixRequiresKey();
    }

    @Override
    public Future<WorkspaceScope> resolve(HttpServerRequest request, ApiPath path) {
        Future<WorkspaceScope> resolved = paths.resolve(request, path);
        if (resolved.failed()) {
            return resolved;
        }
        WorkspaceScope scope = resolved.result();
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (hasScheme(authorization, BEARER)) {
            String secret = authorization.substring(BEARER.length()).trim();
            return apiKeys.authenticate(secret).compose(key -> {
                if (key == null) {
                    return Future.failedFuture(INVALID_API_KEY);
                }
                return key.allows(scope) ? withinRateLimit(scope) : Future.failedFuture(WORKSPACE_FORBIDDEN);
            });
        }
        boolean keyRequired = path.isWorkspacePrefix() ? workspacePrefixRequiresKey : defaultWorkspaceRequiresKey;
        if (basicAuthString != null) {
            if (!isValidBasic(authorization)) {
                return Future.failedFuture(BASIC_AUTH_REFUSED);
            }
            return keyRequired ? Future.failedFuture(NOT_AUTHENTICATED) : withinRateLimit(scope);
        }
        return keyRequired ? Future.failedFuture(NOT_AUTHENTICATED) : withinRateLimit(scope);
    }

    /** Whether any credential is asked for on this prefix; root routes like /health skip the check regardless. */
    boolean isOpen(ApiPath path) {
        boolean keyRequired = path.isWorkspacePrefix() ? workspacePrefixRequiresKey : defaultWorkspaceRequiresKey;
        return basicAuthString == null && !keyRequired;
    }

    /**
     * True for a WebSocket upgrade without an {@code Authorization} header where credentials are needed: it is let
     * through to be checked on its first frame ({@link FirstFrameAuth}), as Prefect's subscribers authenticate.
     */
    boolean needsFirstFrameAuth(HttpServerRequest request, ApiPath path) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) == null && !isOpen(path)
                && ProxyHeaders.isWebSocketUpgrade(request);
    }

    /** The workspace a path names, without any credential check (for {@link #needsFirstFrameAuth} upgrades). */
    Future<WorkspaceScope> scopeOf(HttpServerRequest request, ApiPath path) {
        return paths.resolve(request, path);
    }

    /** Checks the token of a websocket auth frame: the auth string where it suffices, else an API key of the scope. */
    Future<Boolean> acceptsFrameToken(String token, WorkspaceScope scope, ApiPath path) {
        boolean keyRequired = path.isWorkspacePrefix() ? workspacePrefixRequiresKey : defaultWorkspaceRequiresKey;
        if (basicAuthString != null && !keyRequired
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), basicAuthString)) {
            return Future.succeededFuture(true);
        }
        return apiKeys.authenticate(token).map(key -> key != null && key.allows(scope));
    }

    private Future<WorkspaceScope> withinRateLimit(WorkspaceScope scope) {
        return rateLimiter.acquire(scope.workspaceId()).compose(retryAfter -> retryAfter > 0
                ? Future.failedFuture(new GatewayRejection(429, JsonResponses.RATE_LIMITED, retryAfter))
                : Future.succeededFuture(scope));
    }

    private boolean isValidBasic(String authorization) {
        if (!hasScheme(authorization, BASIC)) {
            return false;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(decoded, basicAuthString);
    }

    static boolean hasScheme(String authorization, String scheme) {
        return authorization != null && authorization.regionMatches(true, 0, scheme, 0, scheme.length());
    }

    /** @return the API key secret of a {@code Bearer} header, or null */
    static String bearerSecret(String authorization) {
        return hasScheme(authorization, BEARER) ? authorization.substring(BEARER.length()).trim() : null;
    }
}
