package dev.praetor.deployments.deployments;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.deployments.workpools.WorkPoolValidation;
import dev.praetor.rest.errors.Errors;
import java.util.List;
import java.util.UUID;

/**
 * Body of {@code POST /deployments/} (deployments.md §1.3): unknown keys are rejected, except legacy ones Prefect
 * drops silently.
 */
@JsonIgnoreProperties({"worker_pool_queue_id", "worker_pool_name", "worker_pool_queue_name", "work_pool_queue_name"})
public final class DeploymentCreate extends DeploymentAction {
    private String name;
    private UUID flowId;
    private JsonNode labels;
    private List<DeploymentScheduleCreate> schedules;

    @JsonProperty("name")
    void name(String value) {
        name = mark("name", value);
    }

    @JsonProperty("flow_id")
    void flowId(UUID value) {
        flowId = mark("flow_id", value);
    }

    @JsonProperty("labels")
    void labels(JsonNode value) {
        labels = mark("labels", value);
    }

    @JsonProperty("schedules")
    void schedules(List<DeploymentScheduleCreate> value) {
        schedules = mark("schedules", value);
    }

    @Override
    public void validate(Errors errors) {
        // Prefect accepts any name here and then fails with a 500 building its model; refuse such names up front.
        errors.required("name", name).name("name", name, WorkPoolValidation.MAX_NAME_LENGTH);
        errors.required("flow_id", flowId);
        DeploymentValidation.labels(errors, labels);
        if (schedules != null) {
            for (int i = 0; i < schedules.size(); i++) {
                if (schedules.get(i) != null) {
                    schedules.get(i).validate(errors.nested("schedules", i));
                }
            }
        }
        super.validate(errors);
    }

    public String name() {
        return name;
    }

    public UUID flowId() {
        return flowId;
    }

    public JsonNode labels() {
        return labels;
    }

    public List<DeploymentScheduleCreate> schedules() {
        return schedules == null ? List.of() : schedules;
    }
}
