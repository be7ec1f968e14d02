package dev.praetor.deployments.workers;

import dev.praetor.rest.errors.PrefectHttpException;
import dev.praetor.rest.tenancy.Workspace;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code /work_pools/{pool}/workers} (work-pools.md §5): paths and status codes only. */
@Path("/work_pools/{pool}/workers")
@Produces(MediaType.APPLICATION_JSON)
public class WorkerResource {
    @Inject
    WorkerService workers;

    @Inject
    Workspace workspace;

    @POST
    @Path("/heartbeat")
    public Uni<Response> heartbeat(@PathParam("pool") String pool, WorkerHeartbeat body) {
        return workers.heartbeat(workspace.id(), pool, body).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/filter")
    public Uni<List<WorkerResponse>> filter(@PathParam("pool") String pool, WorkerReadRequest body) {
        return workers.filter(workspace.id(), pool, body);
    }

    @DELETE
    @Path("/{name}")
    public Uni<Response> delete(@PathParam("pool") String pool, @PathParam("name") String name) {
        return workers.delete(workspace.id(), pool, name).replaceWith(Response.noContent().build());
    }

    /**
     * The worker channel websocket is not implemented: a 404 to the upgrade makes Prefect 3.8+ workers use the REST
     * routes for good (work-pools.md §5.2), where a 5xx would make them retry the channel.
     */
    @GET
    @Path("/connect")
    public Response connect() {
        throw PrefectHttpException.notFound("Not Found");
    }
}
