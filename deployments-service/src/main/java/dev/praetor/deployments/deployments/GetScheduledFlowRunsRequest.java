package dev.praetor.deployments.deployments;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The embedded body of {@code POST /deployments/get_scheduled_flow_runs} (runners polling, deployments.md §3.11). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GetScheduledFlowRunsRequest(List<UUID> deployment_ids, OffsetDateTime scheduled_before, Integer limit)
        implements PrefectBody {
    @Override
    public void validate(Errors errors) {
        errors.required("deployment_ids", deployment_ids);
    }
}
