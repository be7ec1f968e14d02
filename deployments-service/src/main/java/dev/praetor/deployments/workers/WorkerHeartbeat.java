package dev.praetor.deployments.workers;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.deployments.workpools.WorkPoolValidation;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;

/**
 * The embedded body of {@code POST /work_pools/{pool}/workers/heartbeat}; other keys the worker sends
 * ({@code return_id}, {@code metadata}) are ignored. The Python worker may send the interval as {@code 30.0}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkerHeartbeat(String name, Double heartbeat_interval_seconds) implements PrefectBody {
    @Override
    public void validate(Errors errors) {
        errors.required("name", name).maxLength("name", name, WorkPoolValidation.MAX_NAME_LENGTH);
        errors.check(heartbeat_interval_seconds == null
                || heartbeat_interval_seconds == Math.rint(heartbeat_interval_seconds) && heartbeat_interval_seconds >= 0
                        && heartbeat_interval_seconds <= Integer.MAX_VALUE,
                "heartbeat_interval_seconds", "heartbeat_interval_seconds must be a whole number of seconds",
                heartbeat_interval_seconds);
    }

    Integer intervalSeconds() {
        return heartbeat_interval_seconds == null ? null : heartbeat_interval_seconds.intValue();
    }
}
