package dev.praetor.gateway;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The only place with SQL in the gateway: workspaces, their rate limits and API keys, in its own database. */
@Singleton
public class ApiKeyRepository {

    private static final String WORKSPACE_COLUMNS = "id, account_id, account_name, account_handle, name, handle,"
            + " description, created, rate_limit_per_second, rate_limit_burst";
    private static final String KEY_COLUMNS =
            "k.id, k.workspace_id, w.account_id, k.name, k.key_prefix, k.created, k.expiration, k.revoked";

    private final Pool pool;

    ApiKeyRepository(Pool pool) {
        this.pool = pool;
    }

    /** Inserts a workspace; an existing id or (account, handle) is left alone. @return true when inserted */
    Future<Boolean> insertWorkspace(Workspace workspace) {
        WorkspaceRateLimit limit = workspace.rateLimit();
        return pool.preparedQuery("INSERT INTO workspace (" + WORKSPACE_COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6,"
                        + " $7, now(), $8, $9) ON CONFLICT DO NOTHING")
                .execute(Tuple.from(new Object[] {workspace.id(), workspace.accountId(), workspace.accountName(),
                        workspace.accountHandle(), workspace.name(), workspace.handle(), workspace.description(),
                        limit == null ? null : limit.requestsPerSecond(), limit == null ? null : limit.burst()}))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Sets (or with null clears) a workspace's own rate limit. @return the workspace, or null when there is none */
    Future<Workspace> updateRateLimit(UUID id, WorkspaceRateLimit limit) {
        return pool.preparedQuery("UPDATE workspace SET rate_limit_per_second = $2, rate_limit_burst = $3"
                        + " WHERE id = $1 RETURNING " + WORKSPACE_COLUMNS)
                .execute(Tuple.of(id, limit == null ? null : limit.requestsPerSecond(),
                        limit == null ? null : limit.burst()))
                .map(rows -> rows.iterator().hasNext() ? workspace(rows.iterator().next()) : null);
    }

    /** @return the workspace's own rate limit; empty when it has none or does not exist */
    Future<Optional<WorkspaceRateLimit>> findRateLimit(UUID id) {
        return pool.preparedQuery("SELECT rate_limit_per_second, rate_limit_burst FROM workspace WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Optional.ofNullable(rateLimit(rows.iterator().next()))
                        : Optional.empty());
    }

    Future<Workspace> findWorkspace(UUID id) {
        return pool.preparedQuery("SELECT " + WORKSPACE_COLUMNS + " FROM workspace WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? workspace(rows.iterator().next()) : null);
    }

    Future<List<Workspace>> listWorkspaces() {
        return pool.preparedQuery("SELECT " + WORKSPACE_COLUMNS + " FROM workspace ORDER BY created, id")
                .execute()
                .map(ApiKeyRepository::workspaces);
    }

    Future<ApiKey> insertKey(UUID id, UUID workspaceId, String name, byte[] keyHash, String keyPrefix,
            OffsetDateTime expiration) {
        return pool.preparedQuery("WITH k AS (INSERT INTO api_key (id, workspace_id, name, key_hash, key_prefix,"
                        + " expiration) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *) SELECT " + KEY_COLUMNS
                        + " FROM k JOIN workspace w ON w.id = k.workspace_id")
                .execute(Tuple.of(id, workspaceId, name, Buffer.buffer(keyHash), keyPrefix, expiration))
                .map(rows -> apiKey(rows.iterator().next()));
    }

    Future<List<ApiKey>> listKeys(UUID workspaceId) {
        return pool.preparedQuery("SELECT " + KEY_COLUMNS + " FROM api_key k JOIN workspace w ON w.id = k.workspace_id"
                        + " WHERE k.workspace_id = $1 ORDER BY k.created, k.id")
                .execute(Tuple.of(workspaceId))
                .map(rows -> {
                    List<ApiKey> keys = new ArrayList<>();
                    rows.forEach(row -> keys.add(apiKey(row)));
                    return keys;
                });
    }

    /** @return the key with this hash whatever its state, or null */
    Future<ApiKey> findKeyByHash(byte[] keyHash) {
        return pool.preparedQuery("SELECT " + KEY_COLUMNS + " FROM api_key k JOIN workspace w ON w.id = k.workspace_id"
                        + " WHERE k.key_hash = $1")
                .execute(Tuple.of(Buffer.buffer(keyHash)))
                .map(rows -> rows.iterator().hasNext() ? apiKey(rows.iterator().next()) : null);
    }

    /** Marks a key revoked (once; a second revocation keeps the first time). @return false when no such key */
    Future<Boolean> revokeKey(UUID id) {
        return pool.preparedQuery("UPDATE api_key SET revoked = coalesce(revoked, now()) WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 1);
    }

    private static List<Workspace> workspaces(RowSet<Row> rows) {
        List<Workspace> workspaces = new ArrayList<>();
        rows.forEach(row -> workspaces.add(workspace(row)));
        return workspaces;
    }

    private static Workspace workspace(Row row) {
        return new Workspace(row.getUUID("id"), row.getUUID("account_id"), row.getString("account_name"),
                row.getString("account_handle"), row.getString("name"), row.getString("handle"),
                row.getString("description"), row.getOffsetDateTime("created"), rateLimit(row));
    }

    private static WorkspaceRateLimit rateLimit(Row row) {
        Double perSecond = row.getDouble("rate_limit_per_second");
        return perSecond == null ? null : new WorkspaceRateLimit(perSecond, row.getInteger("rate_limit_burst"));
    }

    private static ApiKey apiKey(Row row) {
        return new ApiKey(row.getUUID("id"), row.getUUID("workspace_id"), row.getUUID("account_id"),
                row.getString("name"), row.getString("key_prefix"), row.getOffsetDateTime("created"),
                row.getOffsetDateTime("expiration"), row.getOffsetDateTime("revoked"));
    }
}
