package dev.praetor.deployments.workpools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/** One element of {@code POST /work_pools/{name}/get_scheduled_flow_runs}: a run and where a worker found it. */
public record WorkerFlowRunResponse(UUID work_pool_id, UUID work_queue_id, JsonNode flow_run) {
}
