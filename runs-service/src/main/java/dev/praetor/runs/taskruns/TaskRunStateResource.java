package dev.praetor.runs.taskruns;

import dev.praetor.rest.json.Uuids;
import dev.praetor.rest.tenancy.Workspace;
import dev.praetor.runs.flowruns.FlowRunStateResource;
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

/** {@code /task_run_states} (task-runs.md §3.7). */
@Path("/task_run_states")
@Produces(MediaType.APPLICATION_JSON)
public class TaskRunStateResource {
    @Inject
    TaskRunService taskRuns;

    @Inject
    Workspace workspace;

    @GET
    @Path("/{id: " + Uuids.PATH_PATTERN + "}")
    public Uni<State> read(@PathParam("id") String id) {
        return taskRuns.readState(workspace.id(), Uuids.fromPath(id));
    }

    /** All states of the task run, oldest first. */
    @GET
    @Path("/")
    public Uni<List<State>> ofRun(@QueryParam("task_run_id") String taskRunId) {
        return taskRuns.statesOf(workspace.id(), FlowRunStateResource.requiredUuidQuery("task_run_id", taskRunId));
    }
}
