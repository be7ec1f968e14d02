package dev.praetor.config.blocks.schemas;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code /block_schemas} (other-resources.md §4.2): paths and status codes only. */
@Path("/block_schemas")
@Produces(MediaType.APPLICATION_JSON)
public class BlockSchemaResource {
    private static final String ID = "{id: " + Uuids.PATH_PATTERN + "}";

    @Inject
    BlockSchemaService schemas;

    @Inject
    Workspace workspace;

    /** 201 when stored by this request, 200 with the existing schema when its (checksum, version) exists. */
    @POST
    @Path("/")
    public Uni<Response> create(BlockSchemaCreate body) {
        return schemas.create(workspace.id(), body)
                .map(created -> Response.status(created.inserted() ? 201 : 200).entity(created.schema()).build());
    }

    @GET
    @Path(ID)
    public Uni<BlockSchema> read(@PathParam("id") String id) {
        return schemas.read(workspace.id(), Uuids.fromPath(id));
    }

    @GET
    @Path("/checksum/{checksum}")
    public Uni<BlockSchema> readByChecksum(@PathParam("checksum") String checksum, @QueryParam("version") String version) {
        return schemas.readByChecksum(workspace.id(), checksum, version);
    }

    @POST
    @Path("/filter")
    public Uni<List<BlockSchema>> filter(BlockSchemaReadRequest body) {
        return schemas.filter(workspace.id(), body);
    }

    @DELETE
    @Path(ID)
    public Uni<Response> delete(@PathParam("id") String id) {
        return schemas.delete(workspace.id(), Uuids.fromPath(id)).replaceWith(Response.noContent().build());
    }
}
