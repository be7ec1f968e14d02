package dev.praetor.config.blocks.schemas;

import dev.praetor.rest.tenancy.Workspace;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /block_capabilities/}: every distinct capability of the workspace's block schemas. */
@Path("/block_capabilities")
@Produces(MediaType.APPLICATION_JSON)
public class BlockCapabilityResource {
    @Inject
    BlockSchemaService schemas;

    @Inject
    Workspace workspace;

    @GET
    @Path("/")
    public Uni<List<String>> read() {
        return schemas.capabilities(workspace.id());
    }
}
