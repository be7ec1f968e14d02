package dev.praetor.config.variables;

import dev.praetor.config.variables.VariableRepository.Selector;
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

/** {@code /variables} (other-resources.md §1.3): paths and status codes only. */
@Path("/variables")
@Produces(MediaType.APPLICATION_JSON)
public class VariableResource {
    private static final String ID = "{id: " + Uuids.PATH_PATTERN + "}";

    @Inject
    VariableService variables;

    @Inject
    Workspace workspace;

    @POST
    @Path("/")
    public Uni<Response> create(VariableCreate body) {
        return variables.create(workspace.id(), body).map(created -> Response.status(201).entity(created).build());
    }

    @GET
    @Path(ID)
    public Uni<Variable> read(@PathParam("id") String id) {
        return variables.read(workspace.id(), Selector.byId(Uuids.fromPath(id)));
    }

    @GET
    @Path("/name/{name}")
    public Uni<Variable> readByName(@PathParam("name") String name) {
        return variables.read(workspace.id(), Selector.byName(name));
    }

    @POST
    @Path("/filter")
    public Uni<List<Variable>> filter(VariableReadRequest body) {
        return variables.filter(workspace.id(), body);
    }

    @POST
    @Path("/count")
    public Uni<Long> count(VariableCountRequest body) {
        return variables.count(workspace.id(), body);
    }

    @PATCH
    @Path(ID)
    public Uni<Response> update(@PathParam("id") String id, VariableUpdate body) {
        return variables.update(workspace.id(), Selector.byId(Uuids.fromPath(id)), body)
                .replaceWith(Response.noContent().build());
    }

    @PATCH
    @Path("/name/{name}")
    public Uni<Response> updateByName(@PathParam("name") String name, VariableUpdate body) {
        return variables.update(workspace.id(), Selector.byName(name), body).replaceWith(Response.noContent().build());
    }

    @DELETE
    @Path(ID)
    public Uni<Response> delete(@PathParam("id") String id) {
        return variables.delete(workspace.id(), Selector.byId(Uuids.fromPath(id))).replaceWith(Response.noContent().build());
    }

    @DELETE
    @Path("/name/{name}")
    public Uni<Response> deleteByName(@PathParam("name") String name) {
        return variables.delete(workspace.id(), Selector.byName(name)).replaceWith(Response.noContent().build());
    }
}
