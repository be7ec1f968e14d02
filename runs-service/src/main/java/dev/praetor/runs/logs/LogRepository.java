package dev.praetor.runs.logs;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Relations;
import dev.praetor.rest.filter.SqlParams;
import dev.praetor.rest.json.Uuids;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The only place with SQL for the {@code log} table. Every statement is scoped by workspace. */
@ApplicationScoped
public class LogRepository {
    private static final String COLUMNS = "l.id, l.created, l.updated, l.name, l.level, l.message, l.timestamp, "
            + "l.flow_run_id, l.task_run_id";

    /**
     * Any number of logs in one statement: they travel as one array per column, so the statement never changes
     * with the batch size and no parameter limit applies (Prefect splits batches into chunks of 3,640 rows).
     */
    private static final String INSERT = """
            INSERT INTO log (id, workspace_id, name, level, message, timestamp, flow_run_id, task_run_id)
            SELECT r.id, $1, r.name, r.level, r.message, r.timestamp, r.flow_run_id, r.task_run_id
              FROM unnest($2::uuid[], $3::text[], $4::smallint[], $5::text[], $6::timestamptz[], $7::uuid[], $8::uuid[])
                AS r(id, name, level, message, timestamp, flow_run_id, task_run_id)""";

    /**
     * The same insert, and the stored logs also queued in the outbox for the {@code logs} topic (events-service's
     * {@code ws /logs/out}), in the same statement and so the same transaction: logs are published only once stored.
     * One outbox row per chunk of {@link LogBatches} (a flow run's logs, bounded in bytes), not per log: the relay
     * then sends one Kafka record per chunk. The payload, version 1 of the log batch format:
     * <pre>{"format": "log-batch", "format_version": 1, "created": &lt;timestamptz&gt;,
     *  "logs": [{"id", "name", "level", "message", "timestamp", "flow_run_id", "task_run_id"}, ... in request order]}</pre>
     * {@code created} is the {@code created} and {@code updated} of every log of the batch: both default to
     * {@code now()}, the transaction's start, the same for every row of the statement.
     */
    private static final String INSERT_AND_PUBLISH = """
            WITH input AS (
              SELECT * FROM unnest($2::uuid[], $3::text[], $4::smallint[], $5::text[], $6::timestamptz[], $7::uuid[],
                                   $8::uuid[], $9::int[])
                WITH ORDINALITY AS r(id, name, level, message, timestamp, flow_run_id, task_run_id, chunk, n)),
            stored AS (
              INSERT INTO log (id, workspace_id, name, level, message, timestamp, flow_run_id, task_run_id)
              SELECT id, $1, name, level, message, timestamp, flow_run_id, task_run_id FROM input)
            INSERT INTO outbox (topic, record_key, workspace_id, version, payload)
            SELECT $10, k.key, $1, 1,
                   jsonb_build_object('format', 'log-batch', 'format_version', 1, 'created', now(), 'logs', c.logs)
              FROM (SELECT chunk,
                           jsonb_agg(jsonb_build_object('id', id, 'name', name, 'level', level, 'message', message,
                                                        'timestamp', timestamp, 'flow_run_id', flow_run_id,
                                                        'task_run_id', task_run_id) ORDER BY n) AS logs
                      FROM input GROUP BY chunk) c
              JOIN unnest($11::text[]) WITH ORDINALITY AS k(key, chunk) ON k.chunk = c.chunk
             ORDER BY c.chunk""";

    @Inject
    Pool pool;

    @ConfigProperty(name = "praetor.logs.publish-topic", defaultValue = "logs")
    Optional<String> publishTopic;

    /** Stores the logs (already cleaned of NUL characters) with fresh time-ordered ids. */
    public Uni<Void> insertAll(UUID workspaceId, List<LogCreate> logs) {
        int n = logs.size();
        UUID[] ids = Uuids.timeOrdered(n);
        String[] names = new String[n];
        Short[] levels = new Short[n];
        String[] messages = new String[n];
        OffsetDateTime[] timestamps = new OffsetDateTime[n];
        UUID[] flowRunIds = new UUID[n];
        UUID[] taskRunIds = new UUID[n];
        for (int i = 0; i < n; i++) {
            LogCreate log = logs.get(i);
            names[i] = log.name();
            levels[i] = log.level().shortValue();
            messages[i] = log.message();
            timestamps[i] = log.timestamp();
            flowRunIds[i] = log.flow_run_id();
            taskRunIds[i] = log.task_run_id();
        }
        Tuple params = Tuple.tuple().addUUID(workspaceId).addArrayOfUUID(ids).addArrayOfString(names)
                .addArrayOfShort(levels).addArrayOfString(messages).addArrayOfOffsetDateTime(timestamps)
                .addArrayOfUUID(flowRunIds).addArrayOfUUID(taskRunIds);
        if (publishTopic.isEmpty() || publishTopic.get().isBlank()) {
            return pool.preparedQuery(INSERT).execute(params).replaceWithVoid();
        }
        LogBatches batches = LogBatches.of(logs, ids);
        params.addArrayOfInteger(boxed(batches.chunkOf())).addString(publishTopic.get())
                .addArrayOfString(batches.keys());
        return pool.preparedQuery(INSERT_AND_PUBLISH).execute(params).replaceWithVoid();
    }

    private static Integer[] boxed(int[] values) {
        Integer[] boxed = new Integer[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

    public Uni<List<Log>> filter(UUID workspaceId, LogReadRequest request, int limit, int offset) {
        SqlParams params = new SqlParams();
        Conditions conditions = Conditions.all(params, Relations.NONE);
        conditions.add("l.workspace_id = " + params.bind(workspaceId)).nested(request.logs(), "l");
        String sql = "SELECT " + COLUMNS + " FROM log l WHERE " + conditions.toSql()
                + " ORDER BY " + request.sortOrDefault().orderBy("l")
                + " LIMIT " + params.bind(limit) + " OFFSET " + params.bind(offset);
        return pool.preparedQuery(sql).execute(params.tuple()).map(rows -> {
            List<Log> logs = new ArrayList<>(rows.size());
            for (Row row : rows) {
                logs.add(new Log(row.getUUID("id"), row.getOffsetDateTime("created"), row.getOffsetDateTime("updated"),
                        row.getString("name"), row.getShort("level"), row.getString("message"),
                        row.getOffsetDateTime("timestamp"), row.getUUID("flow_run_id"), row.getUUID("task_run_id")));
            }
            return logs;
        });
    }
}
