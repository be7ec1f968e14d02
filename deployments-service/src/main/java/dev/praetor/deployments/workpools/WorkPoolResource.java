package dev.praetor.deployments.workpools;

import dev.praetor.rest.tenancy.Workspace;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code /work_pools} (work-pools.md §2): paths and status codes only. */
@Path("/work_pools")
@Produces(MediaType.APPLICATION_JSON)
public class WorkPoolResource {
    @Inject
    WorkPoolService pools;

    @Inject
    Workspace workspace;

    @POST
    @Path("/")
    public Uni<Response> create(WorkPoolCreate body) {
        return pools.create(workspace.id(), body).map(pool -> Response.status(201).entity(pool).build());
    }

    @GET
    @Path("/{name}")
    public Uni<WorkPoolResponse> read(@PathParam("name") String name) {
        return pools.read(workspace.id(), name);
    }

    @POST
    @Path("/filter")
    public Uni<List<WorkPoolResponse>> filter(WorkPoolReadRequest body) {
        return pools.filter(workspace.id(), body);
    }

    @POST
    @Path("/count")
    public Uni<Long> count(WorkPoolReadRequest body) {
        return pools.count(workspace.id(), body);
    }

    @PATCH
    @Path("/{name}")
    public Uni<Response> update(@PathParam("name") String name, WorkPoolUpdate body) {
        return pools.update(workspace.id(), name, body).replaceWith(Response.noContent().build());
    }

    @DELETE
    @Path("/{name}")
    public Uni<Response> delete(@PathParam("name") String name) {
        return pools.delete(workspace.id(), name).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/{name}/get_scheduled_flow_runs")
    public Uni<List<WorkerFlowRunResponse>> scheduledFlowRuns(@PathParam("name") String name,
            WorkerScheduledRunsRequest body) {
        return pools.scheduledFlowRuns(workspace.id(), name, body);
    }
}
