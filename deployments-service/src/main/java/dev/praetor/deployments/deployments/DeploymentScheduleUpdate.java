package dev.praetor.deployments.deployments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.deployments.schedules.Schedule;
import dev.praetor.deployments.schedules.Schedules;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;
import java.time.Instant;

/**
 * Body of {@code PATCH /deployments/{id}/schedules/{schedule_id}} and an element of a deployment update's
 * {@code schedules} (deployments.md §1.5): non-null fields are written.
 */
public record DeploymentScheduleUpdate(Boolean active, JsonNode schedule, Integer max_scheduled_runs,
        JsonNode parameters, String slug, String replaces) implements PrefectBody {

    @Override
    public void validate(Errors errors) {
        if (schedule != null && !schedule.isNull()) {
            Schedules.parse(schedule, errors.nested("schedule"), Instant.now());
        }
        DeploymentValidation.maxScheduledRuns(errors, max_scheduled_runs);
        DeploymentValidation.object(errors, "parameters", parameters, true);
    }

    boolean hasSchedule() {
        return schedule != null && !schedule.isNull();
    }

    /** The parsed schedule (validated already), or null when none was given. */
    Schedule parsedSchedule(Instant now) {
        if (!hasSchedule()) {
            return null;
        }
        Errors errors = Errors.forBody();
        Schedule parsed = Schedules.parse(schedule, errors, now);
        errors.throwIfAny();
        return parsed;
    }

    /** As a schedule to create (when an update names a slug that does not exist yet). */
    DeploymentScheduleCreate asCreate() {
        return new DeploymentScheduleCreate(active, schedule, max_scheduled_runs, parameters, slug, replaces);
    }
}
