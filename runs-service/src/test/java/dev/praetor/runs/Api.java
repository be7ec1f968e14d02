package dev.praetor.runs;

import static io.restassured.RestAssured.given;

import dev.praetor.rest.tenancy.Workspace;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** Requests as the gateway forwards them (JSON, scoped to a workspace), and the few calls most tests start with. */
public final class Api {
    private Api() {
    }

    public static RequestSpecification in(UUID workspace) {
        return given().contentType("application/json").header(Workspace.HEADER, workspace.toString());
    }

    /** Creates a flow run of a new flow with {@code extraFields} (JSON members, may be empty); returns its id. */
    public static String createFlowRun(UUID workspace, String extraFields) {
        String body = "{\"flow_id\": \"" + UUID.randomUUID() + "\"" + (extraFields.isEmpty() ? "" : ", " + extraFields) + "}";
        return in(workspace).body(body).post("/flow_runs/").then().statusCode(201).extract().path("id");
    }

    /** Proposes {@code stateJson} (a StateCreate) to the flow run, unforced. */
    public static ValidatableResponse setState(UUID workspace, String flowRunId, String stateJson) {
        return in(workspace).body("{\"state\": " + stateJson + "}").post("/flow_runs/" + flowRunId + "/set_state").then();
    }

    public static ValidatableResponse setTaskState(UUID workspace, String taskRunId, String stateJson) {
        return in(workspace).body("{\"state\": " + stateJson + "}").post("/task_runs/" + taskRunId + "/set_state").then();
    }

    /** A state proposal as the Python client sends it: a fresh transition id every time. */
    public static String state(String type) {
        return "{\"type\": \"" + type + "\", \"state_details\": {\"transition_id\": \"" + UUID.randomUUID() + "\"}}";
    }
}
