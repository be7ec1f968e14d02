package dev.praetor.deployments.deployments;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.errors.Errors;

/** A deployment's concurrency options (a core model: unknown keys are ignored). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConcurrencyOptions(CollisionStrategy collision_strategy, Integer grace_period_seconds) {

    /** What happens to a run that finds the deployment's concurrency limit taken. */
    public enum CollisionStrategy {
        ENQUEUE,
        CANCEL_NEW
    }

    void validate(Errors errors) {
        errors.required("collision_strategy", collision_strategy);
        errors.range("grace_period_seconds", grace_period_seconds, 60, 86400);
    }
}
