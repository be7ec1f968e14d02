package dev.praetor.deployments.workqueues;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.rest.json.Uuids;
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
import java.util.List;

/** The legacy {@code /work_queues} routes (work-pools.md §8): queues by id; new ones go to default-agent-pool. */
@Path("/work_queues")
@Produces(MediaType.APPLICATION_JSON)
public class WorkQueueResource {
    private static final String ID = "{id: " + Uuids.PATH_PATTERN + "}";

    @Inject
    WorkQueueService queues;

    @Inject
    Workspace workspace;

    @POST
    @Path("/")
    public Uni<Response> create(WorkQueueCreate body) {
        return queues.createLegacy(workspace.id(), body).map(queue -> Response.status(201).entity(queue).build());
    }

    @GET
    @Path(ID)
    public Uni<WorkQueueResponse> read(@PathParam("id") String id) {
        return queues.readLegacy(workspace.id(), Uuids.fromPath(id));
    }

    @GET
    @Path("/name/{name}")
    public Uni<WorkQueueResponse> readByName(@PathParam("name") String name) {
        return queues.readLegacyByName(workspace.id(), name);
    }

    @PATCH
    @Path(ID)
    public Uni<Response> update(@PathParam("id") String id, WorkQueueUpdate body) {
        return queues.updateLegacy(workspace.id(), Uuids.fromPath(id), body).replaceWith(Response.noContent().build());
    }

    @DELETE
    @Path(ID)
    public Uni<Response> delete(@PathParam("id") String id) {
        return queues.deleteLegacy(workspace.id(), Uuids.fromPath(id)).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/filter")
    public Uni<List<WorkQueueResponse>> filter(WorkQueueReadRequest body) {
        return queues.filterLegacy(workspace.id(), body);
    }

    @POST
    @Path(ID + "/get_runs")
    public Uni<List<JsonNode>> runs(@PathParam("id") String id, WorkQueueRunsRequest body,
            @HeaderParam("X-Prefect-UI") String ui) {
        return queues.runsOfLegacyQueue(workspace.id(), Uuids.fromPath(id), body, "true".equalsIgnoreCase(ui));
    }

    @GET
    @Path(ID + "/status")
    public Uni<WorkQueueStatusDetail> status(@PathParam("id") String id) {
        return queues.status(workspace.id(), Uuids.fromPath(id));
    }
}
