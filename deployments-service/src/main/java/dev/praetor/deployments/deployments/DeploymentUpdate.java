package dev.praetor.deployments.deployments;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.praetor.rest.errors.Errors;
import java.util.List;

/**
 * Body of {@code PATCH /deployments/{id}} (deployments.md §1.4): {@code name}, {@code flow_id} and {@code labels}
 * cannot change (unknown keys are rejected); legacy keys are dropped.
 */
@JsonIgnoreProperties({"worker_pool_queue_id", "worker_pool_name", "worker_pool_queue_name", "work_pool_queue_name"})
public final class DeploymentUpdate extends DeploymentAction {
    private List<DeploymentScheduleUpdate> schedules;

    @JsonProperty("schedules")
    void schedules(List<DeploymentScheduleUpdate> value) {
        schedules = mark("schedules", value);
    }

    @Override
    public void validate(Errors errors) {
        if (schedules != null) {
            for (int i = 0; i < schedules.size(); i++) {
                if (schedules.get(i) != null) {
                    schedules.get(i).validate(errors.nested("schedules", i));
                }
            }
        }
        super.validate(errors);
    }

    /** The schedules of the request; null when the key is absent or null. */
    public List<DeploymentScheduleUpdate> schedules() {
        return schedules;
    }
}
