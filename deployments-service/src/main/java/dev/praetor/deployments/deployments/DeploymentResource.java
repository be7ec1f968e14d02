package dev.praetor.deployments.deployments;

import dev.praetor.deployments.scheduler.DeploymentScheduler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.rest.json.Uuids;
import dev.praetor.rest.paging.PageResponse;
import dev.praetor.rest.tenancy.Workspace;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code /deployments} (deployments.md §3): paths and status codes only. */
@Path("/deployments")
@Produces(MediaType.APPLICATION_JSON)
public class DeploymentResource {
    private static final String ID = "{id: " + Uuids.PATH_PATTERN + "}";
    private static final String SCHEDULE_ID = "{scheduleId: " + Uuids.PATH_PATTERN + "}";

    @Inject
    DeploymentService deployments;

    @Inject
    Workspace workspace;

    /** Nudged after writes that can add runs to schedule, so they exist within moments (deployments.md §9). */
    @Inject
    DeploymentScheduler scheduler;

    @POST
    @Path("/")
    public Uni<Response> create(DeploymentCreate body) {
        return deployments.createOrUpdate(workspace.id(), body).invoke(scheduler::nudge)
                .map(result -> Response.status(result.created() ? 201 : 200).entity(result.deployment()).build());
    }

    @GET
    @Path(ID)
    public Uni<DeploymentResponse> read(@PathParam("id") String id) {
        return deployments.read(workspace.id(), Uuids.fromPath(id));
    }

    @GET
    @Path("/name/{flowName}/{deploymentName}")
    public Uni<DeploymentResponse> readByName(@PathParam("flowName") String flowName,
            @PathParam("deploymentName") String deploymentName) {
        return deployments.readByName(workspace.id(), flowName, deploymentName);
    }

    @PATCH
    @Path(ID)
    public Uni<Response> update(@PathParam("id") String id, DeploymentUpdate body) {
        return deployments.update(workspace.id(), Uuids.fromPath(id), body).invoke(scheduler::nudge).replaceWith(Response.noContent().build());
    }

    @DELETE
    @Path(ID)
    public Uni<Response> delete(@PathParam("id") String id) {
        return deployments.delete(workspace.id(), Uuids.fromPath(id)).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/filter")
    public Uni<List<DeploymentResponse>> filter(DeploymentReadRequest body) {
        return deployments.filter(workspace.id(), body);
    }

    @POST
    @Path("/count")
    public Uni<Long> count(DeploymentReadRequest body) {
        return deployments.count(workspace.id(), body);
    }

    @POST
    @Path("/paginate")
    public Uni<PageResponse<DeploymentResponse>> paginate(DeploymentReadRequest body) {
        return deployments.paginate(workspace.id(), body);
    }

    @POST
    @Path("/bulk_delete")
    public Uni<DeploymentBulkDeleteResponse> bulkDelete(DeploymentBulkDeleteRequest body) {
        return deployments.bulkDelete(workspace.id(), body);
    }

    @POST
    @Path("/get_scheduled_flow_runs")
    public Uni<ArrayNode> scheduledFlowRuns(GetScheduledFlowRunsRequest body) {
        return deployments.scheduledFlowRuns(workspace.id(), body);
    }

    @POST
    @Path(ID + "/create_flow_run")
    public Uni<Response> createFlowRun(@PathParam("id") String id, DeploymentFlowRunCreate body,
            @HeaderParam("Prefect-Automation-ID") String automationId,
            @HeaderParam("Prefect-Automation-Name") String automationName) {
        return deployments.createFlowRun(workspace.id(), Uuids.fromPath(id), body, automation(automationId, automationName))
                .map(run -> Response.status(run.created() ? 201 : 200).entity(run.run()).build());
    }

    @POST
    @Path(ID + "/create_flow_run/bulk")
    public Uni<Map<String, List<DeploymentFlowRunCreateResult>>> createFlowRuns(@PathParam("id") String id,
            List<DeploymentFlowRunCreate> body, @HeaderParam("Prefect-Automation-ID") String automationId,
            @HeaderParam("Prefect-Automation-Name") String automationName) {
        return deployments.createFlowRuns(workspace.id(), Uuids.fromPath(id), body, automation(automationId, automationName));
    }

    /** Returns {@code null} (Prefect's handler returns nothing); an unknown deployment is not an error. */
    @POST
    @Path(ID + "/schedule")
    public Uni<Response> schedule(@PathParam("id") String id, ScheduleRunsRequest body) {
        return deployments.scheduleRuns(workspace.id(), Uuids.fromPath(id), body).replaceWith(nullBody());
    }

    @POST
    @Path(ID + "/pause_deployment")
    public Uni<Response> pause(@PathParam("id") String id) {
        return deployments.pause(workspace.id(), Uuids.fromPath(id)).replaceWith(nullBody());
    }

    @POST
    @Path(ID + "/resume_deployment")
    public Uni<Response> resume(@PathParam("id") String id) {
        return deployments.resume(workspace.id(), Uuids.fromPath(id)).invoke(scheduler::nudge).replaceWith(nullBody());
    }

    @GET
    @Path(ID + "/schedules")
    public Uni<List<DeploymentSchedule>> schedules(@PathParam("id") String id) {
        return deployments.schedules(workspace.id(), Uuids.fromPath(id));
    }

    @POST
    @Path(ID + "/schedules")
    public Uni<Response> createSchedules(@PathParam("id") String id, List<DeploymentScheduleCreate> body) {
        return deployments.createSchedules(workspace.id(), Uuids.fromPath(id), body).invoke(scheduler::nudge)
                .map(created -> Response.status(201).entity(created).build());
    }

    @PATCH
    @Path(ID + "/schedules/" + SCHEDULE_ID)
    public Uni<Response> updateSchedule(@PathParam("id") String id, @PathParam("scheduleId") String scheduleId,
            DeploymentScheduleUpdate body) {
        return deployments.updateSchedule(workspace.id(), Uuids.fromPath(id), Uuids.fromPath(scheduleId), body)
                .invoke(scheduler::nudge).replaceWith(Response.noContent().build());
    }

    @DELETE
    @Path(ID + "/schedules/" + SCHEDULE_ID)
    public Uni<Response> deleteSchedule(@PathParam("id") String id, @PathParam("scheduleId") String scheduleId) {
        return deployments.deleteSchedule(workspace.id(), Uuids.fromPath(id), Uuids.fromPath(scheduleId))
                .replaceWith(Response.noContent().build());
    }

    private static Response nullBody() {
        return Response.ok("null", MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * Runs created by an automation record it (conventions.md §3): both headers must be present and the name must be
     * base64; otherwise they are ignored.
     */
    private static JsonNode automation(String id, String encodedName) {
        UUID automationId = Uuids.parseLenient(id);
        if (automationId == null || encodedName == null) {
            return null;
        }
        String name;
        try {
            name = new String(Base64.getDecoder().decode(encodedName), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        ObjectNode createdBy = JsonNodeFactory.instance.objectNode();
        createdBy.put("id", automationId.toString());
        createdBy.put("type", "AUTOMATION");
        createdBy.put("display_value", name);
        return createdBy;
    }
}
