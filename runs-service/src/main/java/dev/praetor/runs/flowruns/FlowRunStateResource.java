package dev.praetor.runs.flowruns;

import dev.praetor.rest.errors.RequestValidationException;
import dev.praetor.rest.errors.ValidationError;
import dev.praetor.rest.json.Uuids;
import dev.praetor.rest.tenancy.Workspace;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/** {@code /flow_run_states} (flow-runs.md §3.15). */
@Path("/flow_run_states")
@Produces(MediaType.APPLICATION_JSON)
public class FlowRunStateResource {
    @Inject
    FlowRunService flowRuns;

    @Inject
    Workspace workspace;

    @GET
    @Path("/{id: " + Uuids.PATH_PATTERN + "}")
    public Uni<State> read(@PathParam("id") String id) {
        return flowRuns.readState(workspace.id(), Uuids.fromPath(id));
    }

    /** All states of the run, oldest first. */
    @GET
    @Path("/")
    public Uni<List<State>> ofRun(@QueryParam("flow_run_id") String flowRunId) {
        return flowRuns.statesOf(workspace.id(), requiredUuidQuery("flow_run_id", flowRunId));
    }

    /** A required UUID query parameter: missing or malformed is Prefect's validation 422. */
    public static UUID requiredUuidQuery(String name, String value) {
        if (value == null) {
            throw new RequestValidationException(List.of(ValidationError.of("missing", List.of("query", name), "Field required",
                    null)), null);
        }
        UUID id = Uuids.parseLenient(value);
        if (id == null) {
            throw new RequestValidationException(List.of(ValidationError.of("uuid_parsing", List.of("query", name),
                    "Input should be a valid UUID", value)), null);
        }
        return id;
    }
}
