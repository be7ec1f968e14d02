package dev.praetor.deployments.workqueues;

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

/** {@code /work_pools/{pool}/queues} (work-pools.md §3): paths and status codes only. */
@Path("/work_pools/{pool}/queues")
@Produces(MediaType.APPLICATION_JSON)
public class WorkPoolQueueResource {
    @Inject
    WorkQueueService queues;

    @Inject
    Workspace workspace;

    @POST
    @Path("/")
    public Uni<Response> create(@PathParam("pool") String pool, WorkQueueCreate body) {
        return queues.createInPool(workspace.id(), pool, body).map(queue -> Response.status(201).entity(queue).build());
    }

    @POST
    @Path("/filter")
    public Uni<List<WorkQueueResponse>> filter(@PathParam("pool") String pool, WorkQueueReadRequest body) {
        return queues.filterInPool(workspace.id(), pool, body);
    }

    @GET
    @Path("/{name}")
    public Uni<WorkQueueResponse> read(@PathParam("pool") String pool, @PathParam("name") String name) {
        return queues.readInPool(workspace.id(), pool, name);
    }

    @PATCH
    @Path("/{name}")
    public Uni<Response> update(@PathParam("pool") String pool, @PathParam("name") String name, WorkQueueUpdate body) {
        return queues.updateInPool(workspace.id(), pool, name, body).replaceWith(Response.noContent().build());
    }

    @DELETE
    @Path("/{name}")
    public Uni<Response> delete(@PathParam("pool") String pool, @PathParam("name") String name) {
        return queues.deleteInPool(workspace.id(), pool, name).replaceWith(Response.noContent().build());
    }
}
