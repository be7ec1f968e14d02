package dev.praetor.flows.flows;

import dev.praetor.rest.json.Uuids;
import dev.praetor.rest.paging.PageResponse;
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

/** {@code /flows} (flows.md §2): paths and status codes only. */
@Path("/flows")
@Produces(MediaType.APPLICATION_JSON)
public class FlowResource {
    private static final String ID = "{id: " + Uuids.PATH_PATTERN + "}";

    @Inject
    FlowService flows;

    @Inject
    Workspace workspace;

    @POST
    @Path("/")
    public Uni<Response> create(FlowCreate body) {
        return flows.createOrGet(workspace.id(), body)
                .map(result -> Response.status(result.inserted() ? 201 : 200).entity(result.stored().flow()).build());
    }

    @GET
    @Path(ID)
    public Uni<Flow> read(@PathParam("id") String id) {
        return flows.read(workspace.id(), Uuids.fromPath(id));
    }

    @GET
    @Path("/name/{name}")
    public Uni<Flow> readByName(@PathParam("name") String name) {
        return flows.readByName(workspace.id(), name);
    }

    @PATCH
    @Path(ID)
    public Uni<Response> update(@PathParam("id") String id, FlowUpdate body) {
        return flows.update(workspace.id(), Uuids.fromPath(id), body).replaceWith(Response.noContent().build());
    }

    @DELETE
    @Path(ID)
    public Uni<Response> delete(@PathParam("id") String id) {
        return flows.delete(workspace.id(), Uuids.fromPath(id)).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/filter")
    public Uni<List<Flow>> filter(FlowReadRequest body) {
        return flows.filter(workspace.id(), body);
    }

    @POST
    @Path("/count")
    public Uni<Long> count(FlowReadRequest body) {
        return flows.count(workspace.id(), body);
    }

    @POST
    @Path("/paginate")
    public Uni<PageResponse<Flow>> paginate(FlowReadRequest body) {
        return flows.paginate(workspace.id(), body);
    }

    @POST
    @Path("/bulk_delete")
    public Uni<FlowBulkDeleteResponse> bulkDelete(FlowBulkDeleteRequest body) {
        return flows.bulkDelete(workspace.id(), body);
    }
}
