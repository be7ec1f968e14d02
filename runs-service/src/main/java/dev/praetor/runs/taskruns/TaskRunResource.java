package dev.praetor.runs.taskruns;

import dev.praetor.rest.json.Uuids;
import dev.praetor.rest.paging.PageResponse;
import dev.praetor.rest.tenancy.Workspace;
import dev.praetor.runs.flowruns.HistoryResponse;
import dev.praetor.runs.orchestration.OrchestrationParameters;
import dev.praetor.runs.states.SetStateRequest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code /task_runs} (task-runs.md §2): paths and status codes only. */
@Path("/task_runs")
@Produces(MediaType.APPLICATION_JSON)
public class TaskRunResource {
    private static final String ID = "{id: " + Uuids.PATH_PATTERN + "}";
    private static final String API_VERSION_HEADER = "X-PREFECT-API-VERSION";

    @Inject
    TaskRunService taskRuns;

    @Inject
    Workspace workspace;

    @POST
    @Path("/")
    public Uni<Response> create(TaskRunCreate body, @HeaderParam(API_VERSION_HEADER) String apiVersion,
            @HeaderParam("User-Agent") String userAgent) {
        return taskRuns.create(workspace.id(), body, OrchestrationParameters.fromHeaders(apiVersion, userAgent))
                .map(created -> Response.status(created.inserted() ? 201 : 200).entity(created.run()).build());
    }

    @GET
    @Path(ID)
    public Uni<TaskRun> read(@PathParam("id") String id) {
        return taskRuns.read(workspace.id(), Uuids.fromPath(id));
    }

    @PATCH
    @Path(ID)
    public Uni<Response> update(@PathParam("id") String id, TaskRunUpdate body) {
        return taskRuns.update(workspace.id(), Uuids.fromPath(id), body).replaceWith(Response.noContent().build());
    }

    @DELETE
    @Path(ID)
    public Uni<Response> delete(@PathParam("id") String id) {
        return taskRuns.delete(workspace.id(), Uuids.fromPath(id)).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/filter")
    public Uni<List<TaskRun>> filter(TaskRunReadRequest body) {
        return taskRuns.filter(workspace.id(), body);
    }

    @POST
    @Path("/count")
    public Uni<Long> count(TaskRunReadRequest body) {
        return taskRuns.count(workspace.id(), body);
    }

    @POST
    @Path("/paginate")
    public Uni<PageResponse<TaskRunResponse>> paginate(TaskRunReadRequest body) {
        return taskRuns.paginate(workspace.id(), body);
    }

    @POST
    @Path("/history")
    public Uni<List<HistoryResponse>> history(TaskRunHistoryRequest body) {
        return taskRuns.history(workspace.id(), body);
    }

    @POST
    @Path(ID + "/set_state")
    public Uni<Response> setState(@PathParam("id") String id, SetStateRequest body,
            @HeaderParam(API_VERSION_HEADER) String apiVersion, @HeaderParam("User-Agent") String userAgent) {
        return taskRuns.setState(workspace.id(), Uuids.fromPath(id), body, OrchestrationParameters.fromHeaders(apiVersion, userAgent))
                .map(outcome -> Response.status(outcome.httpStatus()).entity(outcome.result()).build());
    }
}
