package dev.praetor.deployments.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.deployments.clients.RunsClient;
import dev.praetor.deployments.deployments.DeploymentService;
import dev.praetor.rest.tenancy.Workspace;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The UI's {@code /ui/flows} routes (other-resources.md §9), which the gateway sends to this service. */
@Path("/ui/flows")
@Produces(MediaType.APPLICATION_JSON)
public class UiFlowsResource {
    private static final List<String> NEXT_RUN_FIELDS =
            List.of("id", "flow_id", "name", "state_name", "state_type", "next_scheduled_start_time");

    @Inject
    DeploymentService deployments;

    @Inject
    RunsClient runs;

    @Inject
    Workspace workspace;

    @POST
    @Path("/count-deployments")
    public Uni<Map<UUID, Long>> countDeployments(FlowIdsRequest body) {
        return deployments.countByFlow(workspace.id(), body.flow_ids());
    }

    /** The earliest SCHEDULED-type run of each flow (null for none), asked of runs-service flow by flow. */
    @POST
    @Path("/next-runs")
    public Uni<ObjectNode> nextRuns(FlowIdsRequest body) {
        UUID workspaceId = workspace.id();
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (UUID flowId : body.flow_ids()) {
            ObjectNode query = JsonNodeFactory.instance.objectNode();
            query.putObject("flows").putObject("id").putArray("any_").add(flowId.toString());
            query.putObject("flow_runs").putObject("state").putObject("type").putArray("any_").add("SCHEDULED");
            query.put("sort", "NEXT_SCHEDULED_START_TIME_ASC").put("limit", 1);
            chain = chain.chain(() -> runs.filterFlowRuns(workspaceId, query).invoke(found -> {
                JsonNode next = found.isEmpty() ? null : found.get(0);
                result.set(flowId.toString(), next instanceof ObjectNode run ? run.deepCopy().retain(NEXT_RUN_FIELDS) : null);
            }).replaceWithVoid());
        }
        return chain.replaceWith(result);
    }
}
