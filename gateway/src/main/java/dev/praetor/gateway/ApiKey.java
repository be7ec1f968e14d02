package dev.praetor.gateway;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An API key as stored: never the key itself, only its first characters (to tell keys apart in a list).
 *
 * @param accountId the account of the key's workspace
 */
public record ApiKey(UUID id, UUID workspaceId, UUID accountId, String name, String keyPrefix, OffsetDateTime created,
        OffsetDateTime expiration, OffsetDateTime revoked) {

    /** Usable now: not revoked, not expired. */
    boolean isActive(OffsetDateTime now) {
        return revoked == null && (expiration == null || expiration.isAfter(now));
    }

    /** May act in the workspace a request names (the account must match too). */
    boolean allows(WorkspaceScope scope) {
        return workspaceId.toString().equals(scope.workspaceId())
                && (scope.accountId() == null || accountId.toString().equals(scope.accountId()));
    }

    JsonObject toJson() {
        return new JsonObject()
                .put("id", id.toString())
                .put("name", name)
                .put("workspace_id", workspaceId.toString())
                .put("account_id", accountId.toString())
                .put("key_prefix", keyPrefix)
                .put("created", created.toString())
                .put("expiration", expiration == null ? null : expiration.toString())
                .put("revoked", revoked == null ? null : revoked.toString());
    }
}
