package dev.praetor.deployments.deployments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.deployments.schedules.Schedule;
import dev.praetor.deployments.schedules.Schedules;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;
import java.time.Instant;

/**
 * A schedule to create (deployments.md §1.5): an element of {@code POST /deployments/{id}/schedules} and of a
 * deployment's {@code schedules}. {@code replaces} is only meaningful in a deployment update and is never stored.
 */
public record DeploymentScheduleCreate(Boolean active, JsonNode schedule, Integer max_scheduled_runs,
        JsonNode parameters, String slug, String replaces) implements PrefectBody {

    @Override
    public void validate(Errors errors) {
        if (schedule == null || schedule.isNull()) {
            errors.required("schedule", null);
        } else {
            Schedules.parse(schedule, errors.nested("schedule"), Instant.now());
        }
        DeploymentValidation.maxScheduledRuns(errors, max_scheduled_runs);
        DeploymentValidation.object(errors, "parameters", parameters, false);
    }

    /** The parsed schedule (validated already). */
    Schedule parsedSchedule(Instant now) {
        Errors errors = Errors.forBody();
        Schedule parsed = Schedules.parse(schedule, errors, now);
        errors.throwIfAny();
        return parsed;
    }

    boolean activeOrDefault() {
        return active == null || active;
    }
}
