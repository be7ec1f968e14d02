package dev.praetor.gateway;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A workspace the Cloud-style prefix can name, with the fields of Prefect Cloud's {@code Workspace} schema (what
 * {@code GET /api/me/workspaces} returns to the client's {@code CloudClient}).
 *
 * @param rateLimit the workspace's own request rate limit, or null for the gateway's default
 */
public record Workspace(UUID id, UUID accountId, String accountName, String accountHandle, String name, String handle,
        String description, OffsetDateTime created, WorkspaceRateLimit rateLimit) {

    JsonObject toJson() {
        return new JsonObject()
                .put("account_id", accountId.toString())
                .put("account_name", accountName)
                .put("account_handle", accountHandle)
                .put("workspace_id", id.toString())
                .put("workspace_name", name)
                .put("workspace_description", description)
                .put("workspace_handle", handle)
                .put("created", created == null ? null : created.toString());
    }

    /** What the admin API shows: Cloud's fields and the settings only an administrator sees. */
    JsonObject toAdminJson() {
        return toJson().put("rate_limit", rateLimit == null ? null : rateLimit.toJson());
    }
}
