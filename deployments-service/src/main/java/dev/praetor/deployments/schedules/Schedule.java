package dev.praetor.deployments.schedules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * One of Prefect's three schedule shapes (deployments.md §7). Each serialises with only its own keys: the client
 * parses schedules with {@code extra="forbid"}, so a shape carrying another shape's keys breaks every read.
 */
public sealed interface Schedule permits IntervalSchedule, CronSchedule, RRuleSchedule {
    /** Prefect's schedule class name, the {@code created_by.display_value} of runs of a schedule without slug. */
    String typeName();

    /** The JSON object as stored and returned. */
    ObjectNode toJson();

    /**
     * Prefect's {@code get_dates(n, start, end)}: up to {@code n} dates at or after {@code start} and not after
     * {@code end} (null = unbounded), in the schedule's timezone, checking at most about 1000 candidates.
     */
    List<ZonedDateTime> dates(int n, Instant start, Instant end);

    /** Candidates checked per call, as Prefect's {@code MAX_ITERATIONS}. */
    int MAX_ITERATIONS = 1000;
}
