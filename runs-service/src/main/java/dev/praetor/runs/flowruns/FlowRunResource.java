package dev.praetor.runs.flowruns;

import dev.praetor.rest.json.Uuids;
import dev.praetor.rest.paging.PageResponse;
import dev.praetor.rest.tenancy.Workspace;
import dev.praetor.runs.orchestration.OrchestrationParameters;
import dev.praetor.runs.states.SetStateOutcome;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import dev.praetor.rest.errors.RequestValidationException;
import dev.praetor.rest.errors.ValidationError;
import dev.praetor.rest.json.PrefectDateTimes;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestMulti;

/** {@code /flow_runs} (flow-runs.md §2): paths and status codes only. */
@Path("/flow_runs")
@Produces(MediaType.APPLICATION_JSON)
public class FlowRunResource {
    private static final String ID = "{id: " + Uuids.PATH_PATTERN + "}";
    static final String API_VERSION_HEADER = "X-PREFECT-API-VERSION";
    private static final String JSON_UTF8 = "application/json;charset=UTF-8";

    @Inject
    FlowRunService flowRuns;

    @Inject
    Workspace workspace;

    @POST
    @Path("/")
    public Uni<Response> create(FlowRunCreate body, @HeaderParam(API_VERSION_HEADER) String apiVersion,
            @HeaderParam("User-Agent") String userAgent, @HeaderParam("Prefect-Automation-ID") String automationId,
            @HeaderParam("Prefect-Automation-Name") String automationName,
            @HeaderParam(FlowRunCreate.INTERNAL_CALLER) String caller) {
        List<ValidationError> serviceOnly = caller == null ? body.internalFieldsGiven() : List.of();
        if (!serviceOnly.isEmpty()) {
            return Uni.createFrom().failure(new RequestValidationException(serviceOnly, body));
        }
        return flowRuns.create(workspace.id(), body, OrchestrationParameters.fromHeaders(apiVersion, userAgent),
                CreatedBy.fromAutomationHeaders(automationId, automationName))
                .map(created -> Response.status(created.inserted() ? 201 : 200).entity(created.run()).build());
    }

    @GET
    @Path(ID)
    public Uni<FlowRunResponse> read(@PathParam("id") String id) {
        return flowRuns.read(workspace.id(), Uuids.fromPath(id));
    }

    @PATCH
    @Path(ID)
    public Uni<Response> update(@PathParam("id") String id, FlowRunUpdate body) {
        return flowRuns.update(workspace.id(), Uuids.fromPath(id), body).replaceWith(Response.noContent().build());
    }

    @DELETE
    @Path(ID)
    public Uni<Response> delete(@PathParam("id") String id) {
        return flowRuns.delete(workspace.id(), Uuids.fromPath(id)).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/filter")
    @APIResponse(responseCode = "200", description = "Successful Response", content = @Content(
            mediaType = "application/json",
            schema = @Schema(type = SchemaType.ARRAY, implementation = FlowRunResponse.class)))
    public Uni<Response> filter(FlowRunReadRequest body) {
        // a list of FlowRunResponse, written straight from the rows
        return flowRuns.filterJson(workspace.id(), body)
                .map(json -> Response.ok(json).type(JSON_UTF8).build());
    }

    @POST
    @Path("/count")
    public Uni<Long> count(FlowRunReadRequest body) {
        return flowRuns.count(workspace.id(), body);
    }

    @POST
    @Path("/paginate")
    public Uni<PageResponse<FlowRunResponse>> paginate(FlowRunReadRequest body) {
        return flowRuns.paginate(workspace.id(), body);
    }

    /** A number of seconds, or JSON {@code null} when no run matches. */
    @POST
    @Path("/lateness")
    public Uni<Response> lateness(FlowRunReadRequest body) {
        return flowRuns.lateness(workspace.id(), body)
                .map(lateness -> Response.ok(lateness == null ? "null" : lateness).build());
    }

    @POST
    @Path("/history")
    public Uni<List<HistoryResponse>> history(FlowRunHistoryRequest body) {
        return flowRuns.history(workspace.id(), body);
    }

    @POST
    @Path(ID + "/set_state")
    public Uni<Response> setState(@PathParam("id") String id, SetStateRequest body,
            @HeaderParam(API_VERSION_HEADER) String apiVersion, @HeaderParam("User-Agent") String userAgent) {
        return flowRuns.setState(workspace.id(), Uuids.fromPath(id), body, OrchestrationParameters.fromHeaders(apiVersion, userAgent))
                .map(FlowRunResource::orchestrated);
    }

    @POST
    @Path("/bulk_set_state")
    public Uni<BulkSetStateResponse> bulkSetState(BulkSetStateRequest body, @HeaderParam(API_VERSION_HEADER) String apiVersion,
            @HeaderParam("User-Agent") String userAgent) {
        return flowRuns.bulkSetState(workspace.id(), body, OrchestrationParameters.fromHeaders(apiVersion, userAgent));
    }

    @POST
    @Path("/bulk_delete")
    public Uni<BulkDeleteResponse> bulkDelete(BulkDeleteRequest body) {
        return flowRuns.bulkDelete(workspace.id(), body);
    }

    @POST
    @Path(ID + "/resume")
    public Uni<Response> resume(@PathParam("id") String id, ResumeRequest body,
            @HeaderParam(API_VERSION_HEADER) String apiVersion, @HeaderParam("User-Agent") String userAgent) {
        return flowRuns.resume(workspace.id(), Uuids.fromPath(id), body.run_input(),
                OrchestrationParameters.fromHeaders(apiVersion, userAgent)).map(FlowRunResource::orchestrated);
    }

    @PATCH
    @Path(ID + "/labels")
    public Uni<Response> labels(@PathParam("id") String id, LabelsPatch body) {
        return flowRuns.mergeLabels(workspace.id(), Uuids.fromPath(id), body.labels()).replaceWith(Response.noContent().build());
    }

    @POST
    @Path(ID + "/input")
    public Uni<Response> createInput(@PathParam("id") String id, FlowRunInputCreate body) {
        return flowRuns.createInput(workspace.id(), Uuids.fromPath(id), body)
                .replaceWith(() -> Response.status(201).entity("null").build());
    }

    @POST
    @Path(ID + "/input/filter")
    public Uni<List<FlowRunInput>> filterInputs(@PathParam("id") String id, FlowRunInputFilterRequest body) {
        return flowRuns.filterInputs(workspace.id(), Uuids.fromPath(id), body);
    }

    /** The stored text itself, not JSON-encoded. */
    @GET
    @Path(ID + "/input/{key}")
    public Uni<Response> readInput(@PathParam("id") String id, @PathParam("key") String key) {
        return flowRuns.readInput(workspace.id(), Uuids.fromPath(id), key)
                .map(value -> Response.ok(value, "text/plain; charset=utf-8").build());
    }

    @DELETE
    @Path(ID + "/input/{key}")
    public Uni<Response> deleteInput(@PathParam("id") String id, @PathParam("key") String key) {
        return flowRuns.deleteInput(workspace.id(), Uuids.fromPath(id), key).replaceWith(Response.noContent().build());
    }

    @GET
    @Path(ID + "/graph")
    public Uni<List<FlowRunGraphs.DependencyResult>> graph(@PathParam("id") String id) {
        return flowRuns.graph(workspace.id(), Uuids.fromPath(id));
    }

    @GET
    @Path(ID + "/graph-v2")
    public Uni<FlowRunGraphs.Graph> graphV2(@PathParam("id") String id, @QueryParam("since") String since) {
        OffsetDateTime from;
        try {
            from = since == null ? null : PrefectDateTimes.parse(since);
        } catch (DateTimeParseException e) {
            throw new RequestValidationException(List.of(ValidationError.of("datetime_from_date_parsing",
                    List.of("query", "since"), "Input should be a valid datetime", since)), null);
        }
        return flowRuns.graphV2(workspace.id(), Uuids.fromPath(id), from);
    }

    /** Streamed CSV, named after the run. */
    @GET
    @Path(ID + "/logs/download")
    @Produces("text/csv; charset=utf-8")
    public RestMulti<String> downloadLogs(@PathParam("id") String id) {
        return RestMulti.fromUniResponse(flowRuns.logsDownload(workspace.id(), Uuids.fromPath(id)), FlowRunService.LogsDownload::csv,
                download -> Map.of("Content-Disposition", List.of(download.contentDisposition())));
    }

    /** 201 exactly when this request wrote a state. */
    static Response orchestrated(SetStateOutcome outcome) {
        return Response.status(outcome.httpStatus()).entity(outcome.result()).build();
    }
}
