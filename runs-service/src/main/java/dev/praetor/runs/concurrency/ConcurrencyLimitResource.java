package dev.praetor.runs.concurrency;

import dev.praetor.rest.json.Uuids;
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

/**
 * {@code /concurrency_limits} (other-resources.md §2), v1 tag limits served over v2 limits named {@code tag:<tag>}:
 * paths and status codes only. Routes answering {@code null} send the JSON body {@code null}, as Prefect does.
 */
@Path("/concurrency_limits")
@Produces(MediaType.APPLICATION_JSON)
public class ConcurrencyLimitResource {

    @Inject
    ConcurrencyLimitService limits;

    @Inject
    Workspace workspace;

    private static Response jsonNull() {
        return Response.ok("null", MediaType.APPLICATION_JSON_TYPE).build();
    }

    @POST
    @Path("/")
    public Uni<Response> create(ConcurrencyLimitCreate body) {
        return limits.createTagLimit(workspace.id(), body)
                .map(result -> Response.status(result.getValue() ? 201 : 200).entity(result.getKey()).build());
    }

    @POST
    @Path("/filter")
    public Uni<List<ConcurrencyLimit>> filter(LimitOffset body) {
        return limits.filterTagLimits(workspace.id(), body);
    }

    @POST
    @Path("/increment")
    public Uni<List<MinimalConcurrencyLimitResponse>> increment(TaskRunSlotsRequest body) {
        return limits.incrementTags(workspace.id(), body.names(), body.task_run_id());
    }

    @POST
    @Path("/decrement")
    public Uni<List<MinimalConcurrencyLimitResponse>> decrement(TaskRunSlotsRequest body) {
        return limits.decrementTags(workspace.id(), body.names(), body.task_run_id());
    }

    @GET
    @Path("/tag/{tag}")
    public Uni<ConcurrencyLimit> readByTag(@PathParam("tag") String tag) {
        return limits.readTagLimit(workspace.id(), tag);
    }

    @POST
    @Path("/tag/{tag}/reset")
    public Uni<Response> reset(@PathParam("tag") String tag, SlotOverride body) {
        return limits.resetTagLimit(workspace.id(), tag, body.slot_override()).replaceWith(ConcurrencyLimitResource::jsonNull);
    }

    @DELETE
    @Path("/tag/{tag}")
    public Uni<Response> deleteByTag(@PathParam("tag") String tag) {
        return limits.deleteTagLimit(workspace.id(), tag).replaceWith(ConcurrencyLimitResource::jsonNull);
    }

    /** {@code {id:uuid}} in Prefect: a segment that is not a UUID matches no route. */
    @GET
    @Path("/{id: " + Uuids.PATH_PATTERN + "}")
    public Uni<ConcurrencyLimit> read(@PathParam("id") String id) {
        return limits.readTagLimit(workspace.id(), Uuids.fromPath(id));
    }

    @DELETE
    @Path("/{id: " + Uuids.PATH_PATTERN + "}")
    public Uni<Response> delete(@PathParam("id") String id) {
        return limits.deleteTagLimit(workspace.id(), Uuids.fromPath(id)).replaceWith(ConcurrencyLimitResource::jsonNull);
    }
}
