package dev.praetor.deployments.workqueues;

import java.time.Duration;
import java.time.OffsetDateTime;

/** Prefect's {@code WorkQueueStatusDetail} ({@code GET /work_queues/{id}/status}). */
public record WorkQueueStatusDetail(boolean healthy, long late_runs_count, OffsetDateTime last_polled,
        HealthCheckPolicy health_check_policy) {

    /** The fixed policy Prefect reports: no late runs, polled within the last 60 seconds. */
    public record HealthCheckPolicy(int maximum_late_runs, int maximum_seconds_since_last_polled) {
    }

    static WorkQueueStatusDetail of(long lateRuns, OffsetDateTime lastPolled, Duration recentPoll) {
        boolean polledRecently = lastPolled != null && lastPolled.isAfter(OffsetDateTime.now().minus(recentPoll));
        return new WorkQueueStatusDetail(lateRuns <= 0 && polledRecently, lateRuns, lastPolled,
                new HealthCheckPolicy(0, (int) recentPoll.toSeconds()));
    }
}
