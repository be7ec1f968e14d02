package dev.praetor.eventsservice.logs;

import dev.praetor.rest.filters.LogFilter;
import java.util.List;
import java.util.UUID;

/**
 * Prefect's live log matching ({@code log_matches_filter}, logs.md §2.3): only {@code level.ge_/le_},
 * {@code timestamp.before_/after_} (inclusive), {@code flow_run_id.any_} and {@code task_run_id.any_/is_null_} count,
 * all ANDed; {@code operator} and {@code text} are ignored. Unlike event filters, {@code any_: []} matches nothing.
 */
public final class LiveLogFilter {
    private LiveLogFilter() {
    }

    public static boolean includes(LogFilter filter, Log log) {
        if (filter == null) {
            return true;
        }
        if (filter.level() != null) {
            if (filter.level().ge_() != null && log.level() < filter.level().ge_()) {
                return false;
            }
            if (filter.level().le_() != null && log.level() > filter.level().le_()) {
                return false;
            }
        }
        if (filter.timestamp() != null && log.timestamp() != null) {
            if (filter.timestamp().before_() != null && log.timestamp().isAfter(filter.timestamp().before_())) {
                return false;
            }
            if (filter.timestamp().after_() != null && log.timestamp().isBefore(filter.timestamp().after_())) {
                return false;
            }
        }
        if (filter.flow_run_id() != null && filter.flow_run_id().any_() != null
                && !contains(filter.flow_run_id().any_(), log.flow_run_id())) {
            return false;
        }
        if (filter.task_run_id() != null) {
            if (filter.task_run_id().any_() != null && !contains(filter.task_run_id().any_(), log.task_run_id())) {
                return false;
            }
            if (filter.task_run_id().is_null_() != null && filter.task_run_id().is_null_() != (log.task_run_id() == null)) {
                return false;
            }
        }
        return true;
    }

    /** A missing id is in no list (Python's {@code None in [...]} over UUIDs). */
    private static boolean contains(List<UUID> ids, UUID id) {
        return id != null && ids.contains(id);
    }
}
