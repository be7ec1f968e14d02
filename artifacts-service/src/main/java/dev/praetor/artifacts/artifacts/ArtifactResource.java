package dev.praetor.artifacts.artifacts;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code /artifacts} (artifacts.md §2): paths and status codes only. */
@Path("/artifacts")
@Produces(MediaType.APPLICATION_JSON)
public class ArtifactResource {
    private static final String ID = "{id: " + Uuids.PATH_PATTERN + "}";

    @Inject
    ArtifactService artifacts;

    @Inject
    Workspace workspace;

    /** Always 201: every create inserts a new artifact row. */
    @POST
    @Path("/")
    public Uni<Response> create(ArtifactCreate body) {
        return artifacts.create(workspace.id(), body).map(created -> Response.status(201).entity(created).build());
    }

    @GET
    @Path(ID)
    public Uni<Artifact> read(@PathParam("id") String id) {
        return artifacts.read(workspace.id(), Uuids.fromPath(id));
    }

    @GET
    @Path("/{key}/latest")
    public Uni<Artifact> readLatest(@PathParam("key") String key) {
        return artifacts.readLatest(workspace.id(), key);
    }

    @POST
    @Path("/filter")
    public Uni<List<Artifact>> filter(ArtifactReadRequest body) {
        return artifacts.filter(workspace.id(), body);
    }

    @POST
    @Path("/count")
    public Uni<Long> count(ArtifactReadRequest body) {
        return artifacts.count(workspace.id(), body);
    }

    @POST
    @Path("/latest/filter")
    public Uni<List<ArtifactCollection>> filterLatest(ArtifactCollectionReadRequest body) {
        return artifacts.filterLatest(workspace.id(), body);
    }

    @POST
    @Path("/latest/count")
    public Uni<Long> countLatest(ArtifactCollectionReadRequest body) {
        return artifacts.countLatest(workspace.id(), body);
    }

    @PATCH
    @Path(ID)
    public Uni<Response> update(@PathParam("id") String id, ArtifactUpdate body) {
        return artifacts.update(workspace.id(), Uuids.fromPath(id), body).replaceWith(Response.noContent().build());
    }

    @DELETE
    @Path(ID)
    public Uni<Response> delete(@PathParam("id") String id) {
        return artifacts.delete(workspace.id(), Uuids.fromPath(id)).replaceWith(Response.noContent().build());
    }
}
