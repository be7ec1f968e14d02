package dev.praetor.config.blocks.types;

import dev.praetor.config.QueryBooleans;
import dev.praetor.config.blocks.documents.BlockDocument;
import dev.praetor.config.blocks.documents.BlockDocumentService;
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

/** {@code /block_types} (other-resources.md §4.1), including its routes to a type's documents: paths and status codes. */
@Path("/block_types")
@Produces(MediaType.APPLICATION_JSON)
public class BlockTypeResource {
    private static final String ID = "{id: " + Uuids.PATH_PATTERN + "}";

    @Inject
    BlockTypeService types;

    @Inject
    BlockDocumentService documents;

    @Inject
    Workspace workspace;

    @POST
    @Path("/")
    public Uni<Response> create(BlockTypeCreate body) {
        return types.create(workspace.id(), body).map(created -> Response.status(201).entity(created).build());
    }

    @GET
    @Path(ID)
    public Uni<BlockType> read(@PathParam("id") String id) {
        return types.read(workspace.id(), Uuids.fromPath(id));
    }

    @GET
    @Path("/slug/{slug}")
    public Uni<BlockType> readBySlug(@PathParam("slug") String slug) {
        return types.readBySlug(workspace.id(), slug);
    }

    @POST
    @Path("/filter")
    public Uni<List<BlockType>> filter(BlockTypeReadRequest body) {
        return types.filter(workspace.id(), body);
    }

    @PATCH
    @Path(ID)
    public Uni<Response> update(@PathParam("id") String id, BlockTypeUpdate body) {
        return types.update(workspace.id(), Uuids.fromPath(id), body).replaceWith(Response.noContent().build());
    }

    @DELETE
    @Path(ID)
    public Uni<Response> delete(@PathParam("id") String id) {
        return types.delete(workspace.id(), Uuids.fromPath(id)).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/slug/{slug}/block_documents")
    public Uni<List<BlockDocument>> readDocuments(@PathParam("slug") String slug,
            @QueryParam("include_secrets") String includeSecrets) {
        boolean secrets = QueryBooleans.parse("include_secrets", includeSecrets);
        return types.readBySlug(workspace.id(), slug)
                .flatMap(type -> documents.readForType(workspace.id(), type.id(), secrets));
    }

    @GET
    @Path("/slug/{slug}/block_documents/name/{name}")
    public Uni<BlockDocument> readDocumentByName(@PathParam("slug") String slug, @PathParam("name") String name,
            @QueryParam("include_secrets") String includeSecrets) {
        return documents.readByName(workspace.id(), slug, name, QueryBooleans.parse("include_secrets", includeSecrets));
    }

    /** Handlers that return nothing answer {@code 200 null} in Prefect. */
    @POST
    @Path("/install_system_block_types")
    public Uni<Response> installSystemBlockTypes() {
        return types.installSystemBlockTypes(workspace.id())
                .replaceWith(Response.ok("null", MediaType.APPLICATION_JSON_TYPE).build());
    }
}
