package dev.praetor.runs.flowruns;

import dev.praetor.rest.filter.SqlParams;
import dev.praetor.rest.filters.StateType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The run history of {@code /flow_runs/history} and {@code /task_runs/history} (run-history.md §3), and the
 * read-time estimates (flow-runs.md §1.4) in SQL. Flow and task runs share the column names these need.
 */
public final class RunHistoryQuery {
    /** At most this many intervals are returned (the first ones). */
    static final int MAX_INTERVALS = 500;

    private RunHistoryQuery() {
    }

    /** Seconds spent running at {@code now}, for the run table aliased {@code a}. */
    public static String estimatedRunTime(String a, String now) {
        return "(" + a + ".total_run_time + CASE WHEN " + a + ".state_type = 'RUNNING' AND " + a + ".state_timestamp IS NOT NULL "
                + "THEN extract(epoch FROM " + now + " - " + a + ".state_timestamp)::float8 ELSE 0 END)";
    }

    /** Seconds late at {@code now}, for the run table aliased {@code a}. */
    public static String estimatedLateness(String a, String now) {
        return "(CASE WHEN " + a + ".start_time IS NOT NULL AND " + a + ".expected_start_time IS NOT NULL AND " + a
                + ".start_time > " + a + ".expected_start_time THEN extract(epoch FROM " + a + ".start_time - " + a
                + ".expected_start_time)::float8 WHEN " + a + ".start_time IS NULL AND " + a + ".expected_start_time IS NOT NULL "
                + "AND " + a + ".expected_start_time < " + now + " AND (" + a + ".state_type IS NULL OR " + a + ".state_type "
                + "NOT IN ('COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED')) THEN extract(epoch FROM " + now + " - " + a
                + ".expected_start_time)::float8 ELSE 0 END)";
    }

    /**
     * Buckets the matching runs of {@code table} (read as alias {@code fr}; {@code where} compiles the filters
     * against it) by expected start time into intervals of {@code intervalSeconds} from {@code start} while before
     * {@code end}, per (state type, state name).
     */
    public static Uni<List<HistoryResponse>> run(SqlClient client, String table, Function<SqlParams, String> where,
            OffsetDateTime start, OffsetDateTime end, double intervalSeconds, OffsetDateTime now) {
        SqlParams params = new SqlParams();
        String startParam = params.bind(start) + "::timestamptz";
        String endParam = params.bind(end) + "::timestamptz";
        String width = "make_interval(secs => " + params.bind(intervalSeconds) + "::float8)";
        String nowParam = params.bind(now) + "::timestamptz";
        String sql = "WITH intervals AS (SELECT dt AS interval_start, dt + " + width + " AS interval_end "
                + "FROM generate_series(" + startParam + ", " + endParam + ", " + width + ") dt WHERE dt < " + endParam
                + " ORDER BY dt LIMIT " + MAX_INTERVALS + "), runs AS (SELECT fr.expected_start_time, "
                + estimatedRunTime("fr", nowParam) + " AS run_time, " + estimatedLateness("fr", nowParam)
                + " AS lateness, fr.state_type, fr.state_name FROM " + table + " fr WHERE " + where.apply(params)
                + " AND fr.expected_start_time >= " + startParam + " AND fr.expected_start_time < " + endParam + " + " + width
                + ") SELECT i.interval_start, i.interval_end, r.state_type, r.state_name, count(r.state_type) AS count_runs, "
                + "coalesce(sum(greatest(0, r.run_time)), 0) AS run_time, coalesce(sum(greatest(0, r.lateness)), 0) AS lateness "
                + "FROM intervals i LEFT JOIN runs r ON r.expected_start_time >= i.interval_start "
                + "AND r.expected_start_time < i.interval_end GROUP BY i.interval_start, i.interval_end, r.state_type, "
                + "r.state_name ORDER BY i.interval_start";
        return client.preparedQuery(sql).execute(params.tuple()).map(rows -> {
            Map<OffsetDateTime, HistoryResponse> intervals = new LinkedHashMap<>();
            for (Row row : rows) {
                HistoryResponse interval = intervals.computeIfAbsent(row.getOffsetDateTime("interval_start"),
                        s -> new HistoryResponse(s, row.getOffsetDateTime("interval_end"), new ArrayList<>()));
                if (row.getString("state_type") != null) {
                    interval.states().add(new HistoryResponse.State(StateType.valueOf(row.getString("state_type")),
                            row.getString("state_name"), row.getLong("count_runs"), row.getDouble("run_time"),
                            row.getDouble("lateness")));
                }
            }
            return List.copyOf(intervals.values());
        });
    }
}
