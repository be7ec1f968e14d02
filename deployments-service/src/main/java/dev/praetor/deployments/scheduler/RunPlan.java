package dev.praetor.deployments.scheduler;

import dev.praetor.deployments.schedules.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Which dates of a schedule get runs (deployments.md §9.2): dates from {@code start} in order, stopping at
 * {@code maxRuns}, at {@code end}, or as soon as at least {@code minRuns} are taken and the last is at least
 * {@code minTime} ahead of {@code start}. Past dates are never back-filled.
 */
public record RunPlan(int minRuns, int maxRuns, Duration minTime, Duration maxTime) {

    public List<ZonedDateTime> dates(Schedule schedule, Instant start, Instant end) {
        Instant enough = start.plus(minTime);
        List<ZonedDateTime> taken = new ArrayList<>();
        for (ZonedDateTime date : schedule.dates(maxRuns, start, end == null ? start.plus(maxTime) : end)) {
            taken.add(date);
            if (taken.size() >= minRuns && !date.toInstant().isBefore(enough)) {
                break;
            }
        }
        return taken;
    }

    /**
     * When the scheduler must look at the schedule again, given the dates it just covered: as soon as fewer than
     * {@code minRuns} of them lie ahead, or the last is less than {@code minTime} ahead (Prefect's main loop condition);
     * never sooner than {@code floor}, Prefect's main-loop period.
     */
    public Instant nextVisit(List<ZonedDateTime> dates, Instant now, Duration floor) {
        Instant earliest = now.plus(floor);
        if (dates.size() < minRuns) {
            return earliest;
        }
        Instant fewerThanMin = dates.get(dates.size() - minRuns).toInstant();
        Instant lastTooClose = dates.get(dates.size() - 1).toInstant().minus(minTime);
        Instant next = fewerThanMin.isBefore(lastTooClose) ? fewerThanMin : lastTooClose;
        return next.isBefore(earliest) ? earliest : next;
    }
}
