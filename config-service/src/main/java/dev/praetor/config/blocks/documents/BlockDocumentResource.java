package dev.praetor.config.blocks.documents;

import dev.praetor.config.QueryBooleans;
import dev.praetor.rest.json.Uuids;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code /block_documents} (other-resources.md §4.3): paths and status codes only. */
@Path("/block_documents")
@Produces(MediaType.APPLICATION_JSON)
public class BlockDocumentResource {
    private static final String ID = "{id: " + Uuids.PATH_PATTERN + "}";

    @Inject
    BlockDocumentService documents;

    @Inject
    Workspace workspace;

    @POST
    @Path("/")
    public Uni<Response> create(BlockDocumentCreate body) {
        return documents.create(workspace.id(), body).map(created -> Response.status(201).entity(created).build());
    }

    @POST
    @Path("/filter")
    public Uni<List<BlockDocument>> filter(BlockDocumentReadRequest body) {
        return documents.filter(workspace.id(), body);
    }

    @POST
    @Path("/count")
    public Uni<Long> count(BlockDocumentCountRequest body) {
        return documents.count(workspace.id(), body);
    }

    @GET
    @Path(ID)
    public Uni<BlockDocument> read(@PathParam("id") String id, @QueryParam("include_secrets") String includeSecrets) {
        return documents.read(workspace.id(), Uuids.fromPath(id), QueryBooleans.parse("include_secrets", includeSecrets));
    }

    @PATCH
    @Path(ID)
    public Uni<Response> update(@PathParam("id") String id, BlockDocumentUpdate body) {
        return documents.update(workspace.id(), Uuids.fromPath(id), body).replaceWith(Response.noContent().build());
    }

    @DELETE
    @Path(ID)
    public Uni<Response> delete(@PathParam("id") String id) {
        return documents.delete(workspace.id(), Uuids.fromPath(id)).replaceWith(Response.noContent().build());
    }
}
