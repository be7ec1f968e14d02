package dev.praetor.runs.concurrency;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The only place with SQL for {@code concurrency_limit_v2}, {@code concurrency_lease} and
 * {@code concurrency_lease_limit}. Every statement but the repossessor's scan is scoped by workspace. Decay is
 * computed in SQL against the row's {@code updated}, as Prefect does; every write bumps {@code updated}.
 */
@ApplicationScoped
public class ConcurrencyLimitRepository {
    private static final String COLUMNS = "c.id, c.created, c.updated, c.active, c.name, c.\"limit\", c.active_slots, "
            + "c.denied_slots, c.slot_decay_per_second, c.avg_slot_occupancy_seconds";
    /** Prefect's active_slots_after_decay. */
    private static final String ACTIVE_DECAYED = "GREATEST(0, active_slots - floor(slot_decay_per_second "
            + "* extract(epoch FROM now() - updated)))::int";
    private static final String DECAYED_COLUMNS = COLUMNS.replace("c.active_slots",
            "GREATEST(0, c.active_slots - floor(c.slot_decay_per_second * extract(epoch FROM now() - c.updated)))::int AS active_slots");

    @Inject
    Pool pool;

    @ConfigProperty(name = "praetor.runs.concurrency.tag-slot-wait-seconds", defaultValue = "10")
    double tagSlotWaitSeconds;

    @ConfigProperty(name = "praetor.runs.concurrency.maximum-slot-wait-seconds", defaultValue = "30")
    double maximumSlotWaitSeconds;

    public Pool pool() {
        return pool;
    }

    /**
     * Prefect's denied_slots_after_decay: rate limits decay denied slots at their decay rate, concurrency limits at one
     * per (clamped) average occupancy.
     */
    private String deniedDecayed() {
        return "GREATEST(0, denied_slots - floor(CASE WHEN slot_decay_per_second > 0 THEN slot_decay_per_second "
                + "ELSE 1.0 / GREATEST(0.1, LEAST(avg_slot_occupancy_seconds, CASE WHEN name LIKE 'tag:%' THEN "
                + tagSlotWaitSeconds + " ELSE " + maximumSlotWaitSeconds + " END)) END "
                + "* extract(epoch FROM now() - updated)))::int";
    }

    static ConcurrencyLimitV2 limit(Row row) {
        return new ConcurrencyLimitV2(row.getUUID("id"), row.getOffsetDateTime("created"), row.getOffsetDateTime("updated"),
                row.getBoolean("active"), row.getString("name"), row.getInteger("limit"), row.getInteger("active_slots"),
                row.getInteger("denied_slots"), row.getDouble("slot_decay_per_second"),
                row.getDouble("avg_slot_occupancy_seconds"));
    }

    private static List<ConcurrencyLimitV2> limits(RowSet<Row> rows) {
        List<ConcurrencyLimitV2> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(limit(row));
        }
        return out;
    }

    private static <T> Optional<T> first(List<T> list) {
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    public Uni<ConcurrencyLimitV2> insert(SqlClient c, UUID workspaceId, UUID id, ConcurrencyLimitV2Create body) {
        String sql = "INSERT INTO concurrency_limit_v2 AS c (id, workspace_id, active, name, \"limit\", active_slots, "
                + "denied_slots, slot_decay_per_second) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING " + COLUMNS;
        Tuple params = Tuple.of(id, workspaceId, body.active() == null || body.active(), body.name(), body.limit(),
                body.active_slots() == null ? 0 : body.active_slots())
                .addInteger(body.denied_slots() == null ? 0 : body.denied_slots())
                .addDouble(body.slot_decay_per_second() == null ? 0.0 : body.slot_decay_per_second());
        return c.preparedQuery(sql).execute(params).map(rows -> limit(rows.iterator().next()));
    }

    /**
     * The v1 upsert: creates {@code name} with {@code limit}, or sets the limit of the existing one. The boolean says
     * whether the row was created.
     */
    public Uni<Map.Entry<ConcurrencyLimitV2, Boolean>> upsertLimit(SqlClient c, UUID workspaceId, UUID id, String name, int limit) {
        String sql = "INSERT INTO concurrency_limit_v2 AS c (id, workspace_id, name, \"limit\") VALUES ($1, $2, $3, $4) "
                + "ON CONFLICT (workspace_id, name) DO UPDATE SET \"limit\" = EXCLUDED.\"limit\", updated = now() "
                + "RETURNING " + COLUMNS + ", (xmax = 0) AS inserted";
        return c.preparedQuery(sql).execute(Tuple.of(id, workspaceId, name, limit)).map(rows -> {
            Row row = rows.iterator().next();
            return Map.entry(limit(row), row.getBoolean("inserted"));
        });
    }

    /** By id or by name; {@code active_slots} after decay. */
    public Uni<Optional<ConcurrencyLimitV2>> find(SqlClient c, UUID workspaceId, UUID id, String name) {
        String sql = "SELECT " + DECAYED_COLUMNS + " FROM concurrency_limit_v2 c WHERE c.workspace_id = $1 AND "
                + (id != null ? "c.id = $2" : "c.name = $2");
        return c.preparedQuery(sql).execute(Tuple.of(workspaceId, id != null ? id : name)).map(rows -> first(limits(rows)));
    }

    /** Ordered by name; {@code namePrefix} null for all. {@code active_slots} after decay. */
    public Uni<List<ConcurrencyLimitV2>> page(SqlClient c, UUID workspaceId, String namePrefix, int limit, int offset) {
        String sql = "SELECT " + DECAYED_COLUMNS + " FROM concurrency_limit_v2 c WHERE c.workspace_id = $1"
                + (namePrefix == null ? "" : " AND starts_with(c.name, $4)")
                + " ORDER BY c.name LIMIT $2 OFFSET $3";
        Tuple params = Tuple.of(workspaceId, limit, offset);
        if (namePrefix != null) {
            params.addString(namePrefix);
        }
        return c.preparedQuery(sql).execute(params).map(ConcurrencyLimitRepository::limits);
    }

    /**
     * Locks the named limits (in id order, so concurrent multi-limit requests cannot deadlock) and reads them with
     * {@code active_slots} after decay; {@code denied_slots} is the stored value.
     */
    public Uni<List<ConcurrencyLimitV2>> lockByNames(SqlClient c, UUID workspaceId, List<String> names) {
        String sql = "SELECT " + DECAYED_COLUMNS + " FROM concurrency_limit_v2 c WHERE c.workspace_id = $1 "
                + "AND c.name = ANY($2) ORDER BY c.id FOR UPDATE";
        return c.preparedQuery(sql).execute(Tuple.of(workspaceId, names.toArray(String[]::new)))
                .map(ConcurrencyLimitRepository::limits);
    }

    public Uni<List<ConcurrencyLimitV2>> lockByIds(SqlClient c, UUID workspaceId, List<UUID> ids) {
        String sql = "SELECT " + DECAYED_COLUMNS + " FROM concurrency_limit_v2 c WHERE c.workspace_id = $1 "
                + "AND c.id = ANY($2) ORDER BY c.id FOR UPDATE";
        return c.preparedQuery(sql).execute(Tuple.of(workspaceId, ids.toArray(UUID[]::new)))
                .map(ConcurrencyLimitRepository::limits);
    }

    /** Takes {@code slots} on each active limit of {@code ids} (already locked and checked for room). */
    public Uni<Void> incrementSlots(SqlClient c, UUID workspaceId, List<UUID> ids, int slots) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String sql = "UPDATE concurrency_limit_v2 SET active_slots = " + ACTIVE_DECAYED + " + $3, denied_slots = "
                + deniedDecayed() + ", updated = now() WHERE workspace_id = $1 AND id = ANY($2) AND active";
        return c.preparedQuery(sql).execute(Tuple.of(workspaceId, ids.toArray(UUID[]::new), slots)).replaceWithVoid();
    }

    /** Records a refused request of {@code slots} on each active limit of {@code ids}. */
    public Uni<Void> addDeniedSlots(SqlClient c, UUID workspaceId, List<UUID> ids, int slots) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String sql = "UPDATE concurrency_limit_v2 SET denied_slots = " + deniedDecayed() + " + $3, updated = now() "
                + "WHERE workspace_id = $1 AND id = ANY($2) AND active";
        return c.preparedQuery(sql).execute(Tuple.of(workspaceId, ids.toArray(UUID[]::new), slots)).replaceWithVoid();
    }

    /**
     * Gives {@code slots} back on each active limit of {@code ids}; with {@code occupancySeconds}, moves the average
     * occupancy towards {@code max(occupancy / slots, 0.1)} over {@code 2 × limit} samples (Prefect's moving average).
     */
    public Uni<Void> decrementSlots(SqlClient c, UUID workspaceId, List<UUID> ids, int slots, Double occupancySeconds) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String average = "avg_slot_occupancy_seconds";
        Tuple params = Tuple.of(workspaceId, ids.toArray(UUID[]::new), slots);
        if (occupancySeconds != null && occupancySeconds > 0 && slots > 0) {
            params.addDouble(Math.max(occupancySeconds / slots, 0.1));
            average = "CASE WHEN \"limit\" > 0 THEN avg_slot_occupancy_seconds + ($4 / (\"limit\" * 2.0)) "
                    + "- (avg_slot_occupancy_seconds / (\"limit\" * 2.0)) ELSE avg_slot_occupancy_seconds END";
        }
        String sql = "UPDATE concurrency_limit_v2 SET active_slots = GREATEST(0, " + ACTIVE_DECAYED + " - $3), "
                + "denied_slots = " + deniedDecayed() + ", avg_slot_occupancy_seconds = " + average
                + ", updated = now() WHERE workspace_id = $1 AND id = ANY($2) AND active";
        return c.preparedQuery(sql).execute(params).replaceWithVoid();
    }

    /** Writes the given (non-null) fields; false when the limit does not exist. */
    public Uni<Boolean> update(SqlClient c, UUID workspaceId, UUID id, ConcurrencyLimitV2Update body) {
        List<String> sets = new ArrayList<>();
        Tuple params = Tuple.of(workspaceId, id);
        if (body.active() != null) {
            params.addBoolean(body.active());
            sets.add("active = $" + params.size());
        }
        if (body.name() != null) {
            params.addString(body.name());
            sets.add("name = $" + params.size());
        }
        if (body.limit() != null) {
            params.addInteger(body.limit());
            sets.add("\"limit\" = $" + params.size());
        }
        if (body.active_slots() != null) {
            params.addInteger(body.active_slots());
            sets.add("active_slots = $" + params.size());
        }
        if (body.denied_slots() != null) {
            params.addInteger(body.denied_slots());
            sets.add("denied_slots = $" + params.size());
        }
        if (body.slot_decay_per_second() != null) {
            params.addDouble(body.slot_decay_per_second());
            sets.add("slot_decay_per_second = $" + params.size());
        }
        sets.add("updated = now()");
        String sql = "UPDATE concurrency_limit_v2 SET " + String.join(", ", sets) + " WHERE workspace_id = $1 AND id = $2";
        return c.preparedQuery(sql).execute(params).map(rows -> rows.rowCount() > 0);
    }

    public Uni<Boolean> delete(SqlClient c, UUID workspaceId, UUID id) {
        return c.preparedQuery("DELETE FROM concurrency_limit_v2 WHERE workspace_id = $1 AND id = $2")
                .execute(Tuple.of(workspaceId, id)).map(rows -> rows.rowCount() > 0);
    }

    // ---- leases ----

    /** A lease: the limits it holds {@code slots} on, and its holder (type and id may be null). */
    public record Lease(UUID id, UUID workspaceId, java.time.OffsetDateTime created, java.time.OffsetDateTime expires,
            int slots, String holderType, UUID holderId, List<UUID> limitIds) {
    }

    public Uni<Void> insertLease(SqlClient c, UUID workspaceId, UUID leaseId, List<UUID> limitIds, int slots,
            double ttlSeconds, String holderType, UUID holderId) {
        String lease = "INSERT INTO concurrency_lease (id, workspace_id, expires, slots, holder_type, holder_id) "
                + "VALUES ($1, $2, now() + make_interval(secs => $3), $4, $5, $6)";
        String members = "INSERT INTO concurrency_lease_limit (lease_id, limit_id, workspace_id) "
                + "SELECT $1, l, $3 FROM unnest($2::uuid[]) AS l ON CONFLICT DO NOTHING";
        Tuple leaseParams = Tuple.of(leaseId, workspaceId, ttlSeconds, slots, holderType, holderId);
        return c.preparedQuery(lease).execute(leaseParams)
                .chain(() -> limitIds.isEmpty() ? Uni.createFrom().voidItem()
                        : c.preparedQuery(members).execute(Tuple.of(leaseId, limitIds.toArray(UUID[]::new), workspaceId))
                                .replaceWithVoid());
    }

    private static final String LEASE_COLUMNS = "l.id, l.workspace_id, l.created, l.expires, l.slots, l.holder_type, "
            + "l.holder_id, ARRAY(SELECT m.limit_id FROM concurrency_lease_limit m WHERE m.lease_id = l.id ORDER BY m.limit_id) AS limit_ids";

    private static Lease lease(Row row) {
        UUID[] ids = row.getArrayOfUUIDs("limit_ids");
        return new Lease(row.getUUID("id"), row.getUUID("workspace_id"), row.getOffsetDateTime("created"),
                row.getOffsetDateTime("expires"), row.getInteger("slots"), row.getString("holder_type"),
                row.getUUID("holder_id"), ids == null ? List.of() : List.of(ids));
    }

    /** Locks the lease (expired or not, until the repossessor removes it). */
    public Uni<Optional<Lease>> lockLease(SqlClient c, UUID workspaceId, UUID leaseId) {
        String sql = "SELECT " + LEASE_COLUMNS + " FROM concurrency_lease l WHERE l.workspace_id = $1 AND l.id = $2 FOR UPDATE";
        return c.preparedQuery(sql).execute(Tuple.of(workspaceId, leaseId)).map(rows -> {
            for (Row row : rows) {
                return Optional.of(lease(row));
            }
            return Optional.<Lease>empty();
        });
    }

    public Uni<Void> deleteLease(SqlClient c, UUID workspaceId, UUID leaseId) {
        return c.preparedQuery("DELETE FROM concurrency_lease WHERE workspace_id = $1 AND id = $2")
                .execute(Tuple.of(workspaceId, leaseId)).replaceWithVoid();
    }

    /**
     * Extends a lease that still exists by {@code ttlSeconds} from now. As Prefect's default (in-memory) lease store,
     * a lease past its expiry that the repossessor has not yet revoked can still be renewed.
     */
    public Uni<Boolean> renewLease(SqlClient c, UUID workspaceId, UUID leaseId, double ttlSeconds) {
        String sql = "UPDATE concurrency_lease SET expires = now() + make_interval(secs => $3) WHERE workspace_id = $1 AND id = $2";
        return c.preparedQuery(sql).execute(Tuple.of(workspaceId, leaseId, ttlSeconds)).map(rows -> rows.rowCount() > 0);
    }

    /** Unexpired leases holding a slot on any of {@code limitIds}, locked, oldest first. */
    public Uni<List<Lease>> lockLeasesOnLimits(SqlClient c, UUID workspaceId, List<UUID> limitIds, UUID holderId) {
        String sql = "SELECT " + LEASE_COLUMNS + " FROM concurrency_lease l WHERE l.workspace_id = $1 AND l.id IN "
                + "(SELECT m.lease_id FROM concurrency_lease_limit m WHERE m.workspace_id = $1 AND m.limit_id = ANY($2))"
                + (holderId == null ? "" : " AND l.holder_id = $3") + " ORDER BY l.created, l.id FOR UPDATE OF l";
        Tuple params = Tuple.of(workspaceId, limitIds.toArray(UUID[]::new));
        if (holderId != null) {
            params.addUUID(holderId);
        }
        return c.preparedQuery(sql).execute(params).map(rows -> {
            List<Lease> out = new ArrayList<>(rows.size());
            for (Row row : rows) {
                out.add(lease(row));
            }
            return out;
        });
    }

    /** The task runs holding an unexpired lease on each limit (v1's {@code active_slots}), in lease order. */
    public Uni<Map<UUID, List<UUID>>> taskRunHolders(SqlClient c, UUID workspaceId, List<UUID> limitIds) {
        Map<UUID, List<UUID>> out = new LinkedHashMap<>();
        for (UUID id : limitIds) {
            out.put(id, new ArrayList<>());
        }
        if (limitIds.isEmpty()) {
            return Uni.createFrom().item(out);
        }
        String sql = "SELECT m.limit_id, l.holder_id FROM concurrency_lease_limit m JOIN concurrency_lease l ON l.id = m.lease_id "
                + "WHERE m.workspace_id = $1 AND m.limit_id = ANY($2) AND l.holder_type = 'task_run' AND l.expires > now() "
                + "ORDER BY l.created, l.id";
        return c.preparedQuery(sql).execute(Tuple.of(workspaceId, limitIds.toArray(UUID[]::new))).map(rows -> {
            for (Row row : rows) {
                out.get(row.getUUID("limit_id")).add(row.getUUID("holder_id"));
            }
            return out;
        });
    }

    /** Expired leases of every workspace, locked (skipping those another transaction holds), oldest first. */
    public Uni<List<Lease>> lockExpiredLeases(SqlClient c, int batch) {
        String sql = "SELECT " + LEASE_COLUMNS + " FROM concurrency_lease l WHERE l.expires <= now() "
                + "ORDER BY l.expires LIMIT $1 FOR UPDATE OF l SKIP LOCKED";
        return c.preparedQuery(sql).execute(Tuple.of(batch)).map(rows -> {
            List<Lease> out = new ArrayList<>(rows.size());
            for (Row row : rows) {
                out.add(lease(row));
            }
            return out;
        });
    }
}
