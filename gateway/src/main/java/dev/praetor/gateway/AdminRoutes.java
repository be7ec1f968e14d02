package dev.praetor.gateway;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The admin API of the gateway, outside Prefect's {@code /api} (so no client confuses it with Prefect's own
 * {@code /api/admin} router), behind {@code Authorization: Bearer <praetor.gateway.admin-token>}:
 * <pre>
 * POST   /admin/workspaces                     {"name", "handle"?, "account_id"?, "account_name"?, "account_handle"?,
 *                                              "description"?, "rate_limit"?: {"requests_per_second", "burst"?}}
 * GET    /admin/workspaces
 * GET    /admin/workspaces/{id}
 * PATCH  /admin/workspaces/{id}                {"rate_limit": {"requests_per_second", "burst"?} | null (the default)}
 * POST   /admin/workspaces/{id}/api_keys       {"name", "expiration"? (ISO datetime) | "expires_in_seconds"?} → the key, once
 * GET    /admin/workspaces/{id}/api_keys       no secrets
 * DELETE /admin/api_keys/{id}                  revoke
 * </pre>
 * Without an admin token configured every admin path answers 404.
 */
@Singleton
public class AdminRoutes {

    private static final Logger LOG = Logger.getLogger(AdminRoutes.class);
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final String BEARER = "bearer ";

    private final ApiKeys apiKeys;
    private final ApiKeyRepository repository;
    private final RateLimiter rateLimiter;
    private final byte[] adminToken;

    AdminRoutes(ApiKeys apiKeys, ApiKeyRepository repository, RateLimiter rateLimiter, GatewayConfig config) {
        this.apiKeys = apiKeys;
        this.repository = repository;
        this.rateLimiter = rateLimiter;
        this.adminToken = config.adminToken().map(token -> token.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    void install(@Observes Router router) {
        router.route("/admin/*").handler(this::authorize);
        router.route("/admin/*").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
        router.post("/admin/workspaces").handler(this::createWorkspace);
        router.get("/admin/workspaces").handler(context -> answer(context, repository.listWorkspaces()
                .map(list -> new JsonArray(list.stream().map(Workspace::toAdminJson).toList()))));
        router.get("/admin/workspaces/:workspace").handler(this::readWorkspace);
        router.patch("/admin/workspaces/:workspace").handler(this::updateWorkspace);
        router.post("/admin/workspaces/:workspace/api_keys").handler(this::createKey);
        router.get("/admin/workspaces/:workspace/api_keys").handler(this::listKeys);
        router.delete("/admin/api_keys/:key").handler(this::revokeKey);
    }

    private void authorize(RoutingContext context) {
        if (adminToken == null) {
            JsonResponses.send(context.response(), 404, JsonResponses.NOT_FOUND);
            return;
        }
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (!ApiAuthenticator.hasScheme(authorization, BEARER) || !MessageDigest.isEqual(adminToken,
                authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8))) {
            JsonResponses.send(context.response(), 401, JsonResponses.detail("Admin token required."));
            return;
        }
        context.next();
    }

    private void createWorkspace(RoutingContext context) {
        JsonObject body = jsonBody(context);
        if (body == null) {
            return;
        }
        String name = body.getString("name");
        if (name == null || name.isBlank()) {
            unprocessable(context, "name is required");
            return;
        }
        UUID accountId = uuid(body.getString("account_id"));
        UUID id = uuid(body.getString("id"));
        if ((body.getValue("account_id") != null && accountId == null) || (body.getValue("id") != null && id == null)) {
            unprocessable(context, "id and account_id must be UUIDs");
            return;
        }
        WorkspaceRateLimit rateLimit;
        try {
            rateLimit = WorkspaceRateLimit.fromJson(body.getValue("rate_limit"));
        } catch (IllegalArgumentException e) {
            unprocessable(context, e.getMessage());
            return;
        }
        Workspace workspace = new Workspace(id == null ? UUID.randomUUID() : id,
                accountId == null ? ApiKeys.DEFAULT_ACCOUNT_ID : accountId,
                body.getString("account_name", "Default account"), body.getString("account_handle", "default"),
                name, body.getString("handle", handle(name)), body.getString("description", ""), null, rateLimit);
        repository.insertWorkspace(workspace)
                .compose(inserted -> inserted ? repository.findWorkspace(workspace.id()) : Future.succeededFuture())
                .onComplete(outcome -> {
                    if (outcome.failed()) {
                        fail(context, outcome.cause());
                    } else if (outcome.result() == null) {
                        JsonResponses.send(context.response(), 409,
                                JsonResponses.detail("A workspace with this id or handle already exists."));
                    } else {
                        JsonResponses.send(context.response(), 201, outcome.result().toAdminJson().toBuffer());
                    }
                });
    }

    private void readWorkspace(RoutingContext context) {
        UUID workspaceId = uuid(context.pathParam("workspace"));
        if (workspaceId == null) {
            JsonResponses.send(context.response(), 404, JsonResponses.NOT_FOUND);
            return;
        }
        answer(context, repository.findWorkspace(workspaceId).map(found -> found == null ? null : found.toAdminJson()));
    }

    /** Changes what an administrator may change of a workspace: today its rate limit. */
    private void updateWorkspace(RoutingContext context) {
        UUID workspaceId = uuid(context.pathParam("workspace"));
        if (workspaceId == null) {
            JsonResponses.send(context.response(), 404, JsonResponses.NOT_FOUND);
            return;
        }
        JsonObject body = jsonBody(context);
        if (body == null) {
            return;
        }
        if (!body.containsKey("rate_limit")) {
            unprocessable(context, "rate_limit is required (an object, or null for the gateway's default)");
            return;
        }
        WorkspaceRateLimit rateLimit;
        try {
            rateLimit = WorkspaceRateLimit.fromJson(body.getValue("rate_limit"));
        } catch (IllegalArgumentException e) {
            unprocessable(context, e.getMessage());
            return;
        }
        answer(context, repository.updateRateLimit(workspaceId, rateLimit).map(updated -> {
            if (updated == null) {
                return null;
            }
            rateLimiter.forget(updated.id().toString());
            return updated.toAdminJson();
        }));
    }

    private void createKey(RoutingContext context) {
        UUID workspaceId = uuid(context.pathParam("workspace"));
        if (workspaceId == null) {
            JsonResponses.send(context.response(), 404, JsonResponses.NOT_FOUND);
            return;
        }
        JsonObject body = jsonBody(context);
        if (body == null) {
            return;
        }
        String name = body.getString("name");
        if (name == null || name.isBlank()) {
            unprocessable(context, "name is required");
            return;
        }
        OffsetDateTime expiration;
        try {
            expiration = expiration(body);
        } catch (DateTimeParseException | ClassCastException | IllegalArgumentException e) {
            unprocessable(context, "expiration must be an ISO 8601 datetime, expires_in_seconds a positive number");
            return;
        }
        repository.findWorkspace(workspaceId)
                .compose(workspace -> workspace == null ? Future.<ApiKeys.CreatedKey>succeededFuture()
                        : apiKeys.create(workspaceId, name, expiration))
                .onComplete(outcome -> {
                    if (outcome.failed()) {
                        fail(context, outcome.cause());
                    } else if (outcome.result() == null) {
                        JsonResponses.send(context.response(), 404, JsonResponses.NOT_FOUND);
                    } else {
                        JsonObject created = outcome.result().apiKey().toJson().put("key", outcome.result().secret());
                        JsonResponses.send(context.response(), 201, created.toBuffer());
                    }
                });
    }

    private void listKeys(RoutingContext context) {
        UUID workspaceId = uuid(context.pathParam("workspace"));
        if (workspaceId == null) {
            JsonResponses.send(context.response(), 404, JsonResponses.NOT_FOUND);
            return;
        }
        answer(context, repository.findWorkspace(workspaceId).compose(workspace -> workspace == null
                ? Future.succeededFuture()
                : apiKeys.list(workspaceId).map(keys -> new JsonArray(keys.stream().map(ApiKey::toJson).toList()))));
    }

    private void revokeKey(RoutingContext context) {
        UUID keyId = uuid(context.pathParam("key"));
        if (keyId == null) {
            JsonResponses.send(context.response(), 404, JsonResponses.NOT_FOUND);
            return;
        }
        apiKeys.revoke(keyId).onComplete(outcome -> {
            if (outcome.failed()) {
                fail(context, outcome.cause());
            } else if (outcome.result()) {
                context.response().setStatusCode(204).end();
            } else {
                JsonResponses.send(context.response(), 404, JsonResponses.NOT_FOUND);
            }
        });
    }

    private static OffsetDateTime expiration(JsonObject body) {
        Object at = body.getValue("expiration");
        Object in = body.getValue("expires_in_seconds");
        if (at != null) {
            return OffsetDateTime.parse((String) at);
        }
        if (in != null) {
            long seconds = ((Number) in).longValue();
            if (seconds <= 0) {
                throw new IllegalArgumentException("not positive");
            }
            return OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(seconds);
        }
        return null;
    }

    /** A handle from a name, as Cloud makes them: lowercase letters, digits and hyphens. */
    private static String handle(String name) {
        String handle = name.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return handle.isEmpty() ? "workspace" : handle;
    }

    private static UUID uuid(String text) {
        if (text == null) {
            return null;
        }
        String canonical = ApiPath.canonicalUuid(text, 0, text.length());
        return canonical == null ? null : UUID.fromString(canonical);
    }

    private static JsonObject jsonBody(RoutingContext context) {
        try {
            JsonObject body = context.body().asJsonObject();
            return body == null ? new JsonObject() : body;
        } catch (DecodeException | ClassCastException e) {
            unprocessable(context, "the body must be a JSON object");
            return null;
        }
    }

    private static void unprocessable(RoutingContext context, String message) {
        JsonResponses.send(context.response(), 422, JsonResponses.detail(message));
    }

    /** Answers 200 with the JSON, or 404 when the future holds null. */
    private static void answer(RoutingContext context, Future<?> json) {
        json.onComplete(outcome -> {
            HttpServerResponse response = context.response();
            if (outcome.failed()) {
                fail(context, outcome.cause());
            } else if (outcome.result() == null) {
                JsonResponses.send(response, 404, JsonResponses.NOT_FOUND);
            } else if (outcome.result() instanceof JsonArray array) {
                JsonResponses.send(response, 200, array.toBuffer());
            } else {
                JsonResponses.send(response, 200, ((JsonObject) outcome.result()).toBuffer());
            }
        });
    }

    private static void fail(RoutingContext context, Throwable failure) {
        if (failure instanceof PgException pg && "23505".equals(pg.getSqlState())) {
            JsonResponses.send(context.response(), 409, JsonResponses.detail("Already exists."));
            return;
        }
        LOG.errorf(failure, "Admin request %s %s failed", context.request().method(), context.request().path());
        JsonResponses.send(context.response(), 500, JsonResponses.INTERNAL_SERVER_ERROR);
    }
}
