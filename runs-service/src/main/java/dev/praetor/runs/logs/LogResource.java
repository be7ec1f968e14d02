package dev.praetor.runs.logs;

import dev.praetor.rest.tenancy.Workspace;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * {@code /logs} (logs.md §2): paths and status codes only. {@code ws /logs/out} has no route yet: its upgrade is
 * answered 404.
 */
@Path("/logs")
@Produces(MediaType.APPLICATION_JSON)
public class LogResource {

    @Inject
    LogService logs;

    @Inject
    Workspace workspace;

    /** Answers 201 with the JSON body {@code null}, as Prefect does. */
    @POST
    @Path("/")
    public Uni<Response> create(List<LogCreate> body) {
        return logs.create(workspace.id(), body).replaceWith(Response.status(201).entity("null").build());
    }

    @POST
    @Path("/filter")
    public Uni<List<Log>> filter(LogReadRequest body) {
        return logs.filter(workspace.id(), body);
    }
}
