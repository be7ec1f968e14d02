package dev.praetor.runs.flowruns;

import static dev.praetor.runs.Api.createFlowRun;
import static dev.praetor.runs.Api.in;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.praetor.runs.RunsTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The graph routes and the CSV download of a flow run's logs (flow-runs.md §3.12–§3.14). */
@QuarkusTest
@TestProfile(RunsTestProfile.class)
class FlowRunGraphAndLogsTest {
    private final UUID ws = UUID.randomUUID();

    private String task(String flowRun, String key, String inputs) {
        return in(ws).body("{\"flow_run_id\": \"" + flowRun + "\", \"task_key\": \"" + key + "\", \"dynamic_key\": \"0\", "
                + "\"name\": \"" + key + "\", \"task_inputs\": " + inputs + "}").post("/task_runs/").then().statusCode(201)
                .extract().path("id");
    }

    @Test
    void graphsLinkTaskRunsByTheirInputs() {
        String flowRun = createFlowRun(ws, "\"state\": {\"type\": \"RUNNING\"}");
        String extract = task(flowRun, "extract", "{}");
        String load = task(flowRun, "load", "{\"x\": [{\"input_type\": \"task_run\", \"id\": \"" + extract + "\"}, "
                + "{\"input_type\": \"parameter\", \"name\": \"n\"}]}");
        JsonPath v1 = in(ws).get("/flow_runs/" + flowRun + "/graph").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(extract, load), v1.getList("id"));
        assertEquals(List.of(), v1.getList("[0].upstream_dependencies"));
        assertEquals(extract, v1.getString("[1].upstream_dependencies[0].id"));
        assertEquals("task_run", v1.getString("[1].upstream_dependencies[0].input_type"));

        JsonPath v2 = in(ws).get("/flow_runs/" + flowRun + "/graph-v2").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(extract), v2.getList("root_node_ids"));
        assertEquals(extract, v2.getString("nodes[0][0]"));
        assertEquals("task-run", v2.getString("nodes[0][1].kind"));
        assertEquals(load, v2.getString("nodes[0][1].children[0].id"));
        assertEquals(extract, v2.getString("nodes[1][1].parents[0].id"));
        assertEquals(List.of("RUNNING"), v2.getList("states.type"));
        assertEquals(List.of(), v2.getList("artifacts"));
    }

    @Test
    void graphsOfAMissingRunAreNotFound() {
        UUID missing = UUID.randomUUID();
        in(ws).get("/flow_runs/" + missing + "/graph").then().statusCode(404)
                .body("exception_message", equalTo("Flow run with id " + missing + " not found"));
        in(ws).get("/flow_runs/" + missing + "/graph-v2").then().statusCode(404)
                .body("exception_message", equalTo("Flow run " + missing + " not found"));
    }

    @Test
    void logsDownloadAsCsvNamedAfterTheRun() {
        String flowRun = createFlowRun(ws, "\"name\": \"crimson otter\"");
        in(ws).body("[{\"name\": \"prefect.flow_runs\", \"level\": 20, \"message\": \"hello, world\", "
                + "\"timestamp\": \"2026-01-01T10:00:00Z\", \"flow_run_id\": \"" + flowRun + "\", \"task_run_id\": null}, "
                + "{\"name\": \"prefect.flow_runs\", \"level\": 40, \"message\": \"second\", "
                + "\"timestamp\": \"2026-01-01T10:00:01.5Z\", \"flow_run_id\": \"" + flowRun + "\", \"task_run_id\": null}]")
                .post("/logs/").then().statusCode(201);
        String csv = in(ws).get("/flow_runs/" + flowRun + "/logs/download").then().statusCode(200)
                .contentType(startsWith("text/csv")).header("Content-Disposition",
                        equalTo("attachment; filename=\"flow-run-logs.csv\"; filename*=UTF-8''crimson%20otter-logs.csv"))
                .extract().asString();
        assertEquals("timestamp,level,flow_run_id,task_run_id,message\r\n"
                + "2026-01-01 10:00:00+00:00,20," + flowRun + ",,\"hello, world\"\r\n"
                + "2026-01-01 10:00:01.500000+00:00,40," + flowRun + ",,second\r\n", csv);
        in(ws).get("/flow_runs/" + UUID.randomUUID() + "/logs/download").then().statusCode(404)
                .body("detail", equalTo("Flow run not found"));
    }
}
