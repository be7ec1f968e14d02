package dev.praetor.deployments.deployments;

import static dev.praetor.deployments.Requests.in;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.deployments.DeploymentsTestProfile;
import dev.praetor.deployments.RunsService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(DeploymentsTestProfile.class)
class DeploymentResourceTest {

    static String create(UUID ws, String body, int status) {
        return in(ws).body(body).post("/deployments/").then().statusCode(status).extract().path("id");
    }

    static String deployment(UUID flowId, String name, String extra) {
        return "{\"flow_id\":\"" + flowId + "\",\"name\":\"" + name + "\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    @Test
    void createReturns201ThenUpsertsTheSameDeploymentWith200() {
        UUID ws = UUID.randomUUID();
        UUID flow = UUID.randomUUID();
        String id = create(ws, deployment(flow, "etl", "\"tags\":[\"a\"],\"description\":\"first\""), 201);
        in(ws).body(deployment(flow, "etl", "\"tags\":[\"b\"]")).post("/deployments/").then().statusCode(200)
                .body("id", equalTo(id)).body("tags", contains("b")).body("description", equalTo("first"));
    }

    @Test
    void responseHasEveryFieldWithPrefectsDefaults() {
        UUID ws = UUID.randomUUID();
        UUID flow = UUID.randomUUID();
        String id = create(ws, deployment(flow, "shape", ""), 201);
        in(ws).get("/deployments/" + id).then().statusCode(200)
                .body("name", equalTo("shape")).body("flow_id", equalTo(flow.toString()))
                .body("paused", equalTo(false)).body("schedules", hasSize(0))
                .body("$", hasKey("concurrency_limit")).body("concurrency_limit", nullValue())
                .body("global_concurrency_limit", nullValue()).body("job_variables.size()", equalTo(0))
                .body("parameters.size()", equalTo(0)).body("labels.'prefect.flow.id'", equalTo(flow.toString()))
                .body("pull_steps", hasSize(0)).body("parameter_openapi_schema.size()", equalTo(0))
                .body("status", equalTo("NOT_READY")).body("enforce_parameter_schema", equalTo(true))
                .body("work_queue_name", nullValue()).body("work_pool_name", nullValue())
                .body("$", hasKey("created_by")).body("$", hasKey("last_polled"));
    }

    @Test
    void readsByFlowNameAndDeploymentName() {
        UUID ws = UUID.randomUUID();
        UUID flow = UUID.randomUUID();
        String id = create(ws, deployment(flow, "by name", ""), 201);
        // without flows-service in tests, a flow is named by its id
        in(ws).urlEncodingEnabled(false).get("/deployments/name/" + flow + "/by%20name").then().statusCode(200)
                .body("id", equalTo(id));
        in(ws).get("/deployments/name/" + flow + "/other").then().statusCode(404)
                .body("detail", equalTo("Deployment not found"));
    }

    @Test
    void anotherWorkspaceCannotSeeTheDeployment() {
        String id = create(UUID.randomUUID(), deployment(UUID.randomUUID(), "private", ""), 201);
        in(UUID.randomUUID()).get("/deployments/" + id).then().statusCode(404).body("detail", equalTo("Deployment not found"));
    }

    @Test
    void filterCountAndPaginateWithSortAndWorkPoolCriteria() {
        UUID ws = UUID.randomUUID();
        UUID flow = UUID.randomUUID();
        in(ws).body("{\"name\":\"k8s\",\"type\":\"kubernetes\"}").post("/work_pools/").then().statusCode(201);
        create(ws, deployment(flow, "b-dep", "\"tags\":[\"prod\"],\"work_pool_name\":\"k8s\""), 201);
        create(ws, deployment(flow, "a-dep", "\"tags\":[\"prod\"]"), 201);
        create(ws, deployment(flow, "c-dep", "\"tags\":[\"dev\"],\"work_pool_name\":\"k8s\",\"work_queue_name\":\"high\""), 201);
        in(ws).body("{\"deployments\":{\"tags\":{\"all_\":[\"prod\"]}}}").post("/deployments/filter").then().statusCode(200)
                .body("name", contains("a-dep", "b-dep"));
        in(ws).body("{\"sort\":\"NAME_DESC\"}").post("/deployments/filter").then().body("name",
                contains("c-dep", "b-dep", "a-dep"));
        in(ws).body("{\"work_pools\":{\"name\":{\"any_\":[\"k8s\"]}}}").post("/deployments/filter").then()
                .body("name", contains("b-dep", "c-dep"));
        in(ws).body("{\"work_pool_queues\":{\"name\":{\"any_\":[\"high\"]}}}").post("/deployments/filter").then()
                .body("name", contains("c-dep"));
        in(ws).body("{\"flows\":{\"name\":{\"any_\":[\"" + flow + "\"]}},\"deployments\":{\"name\":{\"like_\":\"-DEP\"}}}")
                .post("/deployments/count").then().statusCode(200).body(equalTo("3"));
        in(ws).body("{\"limit\":2,\"page\":2}").post("/deployments/paginate").then().statusCode(200)
                .body("results.name", contains("c-dep")).body("count", equalTo(3)).body("pages", equalTo(2))
                .body("page", equalTo(2)).body("limit", equalTo(2));
    }

    @Test
    void deploymentNamingOnlyAPoolGetsItsDefaultQueue() {
        UUID ws = UUID.randomUUID();
        in(ws).body("{\"name\":\"local\",\"type\":\"process\"}").post("/work_pools/").then().statusCode(201);
        String id = create(ws, deployment(UUID.randomUUID(), "d", "\"work_pool_name\":\"local\""), 201);
        in(ws).get("/deployments/" + id).then().body("work_pool_name", equalTo("local"))
                .body("work_queue_name", equalTo("default")).body("work_queue_id", notNullValue());
        // the filter compares the stored queue name, which stays null (Prefect)
        in(ws).body("{\"deployments\":{\"work_queue_name\":{\"any_\":[\"default\"]}}}").post("/deployments/count").then()
                .body(equalTo("0"));
    }

    @Test
    void queueNamedWithoutPoolLandsInTheAgentPool() {
        UUID ws = UUID.randomUUID();
        String id = create(ws, deployment(UUID.randomUUID(), "legacy", "\"work_queue_name\":\"nightly\""), 201);
        in(ws).get("/deployments/" + id).then().body("work_pool_name", equalTo("default-agent-pool"))
                .body("work_queue_name", equalTo("nightly"));
        in(ws).get("/work_pools/default-agent-pool/queues/nightly").then().statusCode(200).body("priority", equalTo(1));
    }

    @Test
    void nullFilterKeysAsTheClientSendsThemMeanNoCriteria() {
        UUID ws = UUID.randomUUID();
        create(ws, deployment(UUID.randomUUID(), "x", ""), 201);
        in(ws).body("{\"flows\":null,\"flow_runs\":null,\"task_runs\":null,\"deployments\":{\"operator\":\"and_\","
                + "\"id\":null,\"name\":{\"any_\":[\"x\"],\"like_\":null},\"tags\":null,\"work_queue_name\":null,"
                + "\"concurrency_limit\":null},\"work_pools\":null,\"work_pool_queues\":null,\"limit\":null,\"offset\":0,"
                + "\"sort\":null}").post("/deployments/filter").then().statusCode(200).body("name", contains("x"));
    }

    @Test
    void patchWritesOnlyTheGivenFieldsAndUnknownIsNotFoundWithADot() {
        UUID ws = UUID.randomUUID();
        String id = create(ws, deployment(UUID.randomUUID(), "p", "\"description\":\"keep\",\"version\":\"1\""), 201);
        in(ws).body("{\"version\":\"2\",\"job_variables\":{}}").patch("/deployments/" + id).then().statusCode(204);
        in(ws).get("/deployments/" + id).then().body("version", equalTo("2")).body("description", equalTo("keep"));
        in(ws).body("{}").patch("/deployments/" + UUID.randomUUID()).then().statusCode(404)
                .body("detail", equalTo("Deployment not found."));
        in(ws).body("{\"name\":\"renamed\"}").patch("/deployments/" + id).then().statusCode(422)
                .body("exception_detail[0].type", equalTo("extra_forbidden"));
    }

    @Test
    void patchWithWorkPoolNameNullClearsTheQueue() {
        UUID ws = UUID.randomUUID();
        in(ws).body("{\"name\":\"clear-me\"}").post("/work_pools/").then().statusCode(201);
        String id = create(ws, deployment(UUID.randomUUID(), "q", "\"work_pool_name\":\"clear-me\""), 201);
        in(ws).body("{\"work_pool_name\":null,\"work_queue_name\":null}").patch("/deployments/" + id).then().statusCode(204);
        in(ws).get("/deployments/" + id).then().body("work_queue_id", nullValue()).body("work_pool_name", nullValue());
    }

    @Test
    void deleteAndBulkDelete() {
        UUID ws = UUID.randomUUID();
        UUID flow = UUID.randomUUID();
        String id = create(ws, deployment(flow, "gone", ""), 201);
        in(ws).delete("/deployments/" + id).then().statusCode(204);
        in(ws).delete("/deployments/" + id).then().statusCode(404).body("detail", equalTo("Deployment not found"));
        String b = create(ws, deployment(flow, "b", ""), 201);
        String a = create(ws, deployment(flow, "a", ""), 201);
        create(ws, deployment(flow, "keep", "\"tags\":[\"keep\"]"), 201);
        in(ws).body("{\"deployments\":{\"tags\":{\"is_null_\":true}}}").post("/deployments/bulk_delete").then()
                .statusCode(200).body("deleted", contains(a, b));
        in(ws).body("{}").post("/deployments/count").then().body(equalTo("1"));
    }

    @Test
    void pauseAndResumeAnswerNull() {
        UUID ws = UUID.randomUUID();
        String id = create(ws, deployment(UUID.randomUUID(), "pausable", ""), 201);
        in(ws).post("/deployments/" + id + "/pause_deployment").then().statusCode(200).body(equalTo("null"));
        in(ws).get("/deployments/" + id).then().body("paused", equalTo(true));
        in(ws).post("/deployments/" + id + "/resume_deployment").then().statusCode(200).body(equalTo("null"));
        in(ws).get("/deployments/" + id).then().body("paused", equalTo(false));
        in(ws).post("/deployments/" + UUID.randomUUID() + "/pause_deployment").then().statusCode(404);
    }

    @Test
    void createFlowRunDerivesTheRunFromTheDeployment() {
        UUID ws = UUID.randomUUID();
        UUID flow = UUID.randomUUID();
        in(ws).body("{\"name\":\"runs-pool\"}").post("/work_pools/").then().statusCode(201);
        String id = create(ws, deployment(flow, "runnable", "\"version\":\"v7\",\"tags\":[\"etl\"],"
                + "\"parameters\":{\"x\":1,\"y\":2},\"labels\":{\"team\":\"data\"},\"work_pool_name\":\"runs-pool\""), 201);
        String runId = in(ws).body("{\"parameters\":{\"y\":3},\"tags\":[\"manual\"],\"labels\":{\"extra\":true}}")
                .post("/deployments/" + id + "/create_flow_run").then().statusCode(201)
                .body("deployment_id", equalTo(id)).body("flow_id", equalTo(flow.toString()))
                .body("parameters.x", equalTo(1)).body("parameters.y", equalTo(3))
                .body("tags", containsInAnyOrder("etl", "manual"))
                .body("labels.team", equalTo("data")).body("labels.'prefect.deployment.id'", equalTo(id))
                .body("labels.extra", equalTo(true)).body("deployment_version", equalTo("v7"))
                .body("work_queue_id", notNullValue()).body("auto_scheduled", equalTo(false))
                .body("state.type", equalTo("SCHEDULED")).body("state.state_details.scheduled_time", notNullValue())
                .body("job_variables.size()", equalTo(0)).extract().path("id");
        // an idempotent repeat returns the same run with 200
        in(ws).body("{\"idempotency_key\":\"once\"}").post("/deployments/" + id + "/create_flow_run").then().statusCode(201);
        in(ws).body("{\"idempotency_key\":\"once\"}").post("/deployments/" + id + "/create_flow_run").then().statusCode(200);
        in(ws).body("{\"work_queue_name\":\"adhoc\"}").post("/deployments/" + id + "/create_flow_run").then()
                .statusCode(201).body("work_queue_name", equalTo("adhoc"));
        in(ws).get("/work_pools/runs-pool/queues/adhoc").then().statusCode(200);
        assertEquals(3, RunsService.runs(ws).size(), "one run per idempotency key; first run " + runId);
    }

    @Test
    void runOfAPoolOnlyDeploymentIsOnThePoolsDefaultQueue() {
        UUID ws = UUID.randomUUID();
        String poolId = in(ws).body("{\"name\":\"pool-only\"}").post("/work_pools/").then().statusCode(201)
                .extract().path("id");
        String queueId = in(ws).get("/work_pools/pool-only/queues/default").then().statusCode(200).extract().path("id");
        String id = create(ws, deployment(UUID.randomUUID(), "pool-only", "\"work_pool_name\":\"pool-only\""), 201);
        String runId = in(ws).body("{}").post("/deployments/" + id + "/create_flow_run").then().statusCode(201)
                .body("work_queue_name", equalTo("default")).body("work_queue_id", equalTo(queueId))
                .body("work_pool_name", equalTo("pool-only")).body("work_pool_id", equalTo(poolId))
                .extract().path("id");
        // the pool the run carries answers runs-service's pool filter, by id and by name
        assertEquals(List.of(runId), RunsService.runs(ws, "{\"work_pools\":{\"id\":{\"any_\":[\"" + poolId + "\"]}}}")
                .stream().map(run -> run.get("id").asText()).toList());
        assertEquals(List.of(runId), RunsService.runs(ws, "{\"work_pools\":{\"name\":{\"any_\":[\"pool-only\"]}}}")
                .stream().map(run -> run.get("id").asText()).toList());
    }

    @Test
    void runInANamedQueueCarriesThatQueueAndItsPool() {
        UUID ws = UUID.randomUUID();
        String poolId = in(ws).body("{\"name\":\"named-q\"}").post("/work_pools/").then().statusCode(201)
                .extract().path("id");
        String id = create(ws, deployment(UUID.randomUUID(), "named-q", "\"work_pool_name\":\"named-q\""), 201);
        String runQueue = in(ws).body("{\"work_queue_name\":\"urgent\"}").post("/deployments/" + id + "/create_flow_run")
                .then().statusCode(201).body("work_queue_name", equalTo("urgent"))
                .body("work_pool_name", equalTo("named-q")).body("work_pool_id", equalTo(poolId))
                .extract().path("work_queue_id");
        in(ws).get("/work_pools/named-q/queues/urgent").then().statusCode(200).body("id", equalTo(runQueue));
    }

    @Test
    void createFlowRunInANamedQueueNeedsAPool() {
        UUID ws = UUID.randomUUID();
        String id = create(ws, deployment(UUID.randomUUID(), "poolless", ""), 201);
        in(ws).body("{\"work_queue_name\":\"q\"}").post("/deployments/" + id + "/create_flow_run").then().statusCode(400)
                .body("detail", equalTo("Cannot create flow run in work queue q because deployment " + id
                        + " is not associated with a work pool. Please remove work_pool_name and try again."));
        in(ws).body("{}").post("/deployments/" + UUID.randomUUID() + "/create_flow_run").then().statusCode(404)
                .body("detail", equalTo("Deployment not found"));
    }

    @Test
    void getScheduledFlowRunsAsksRunsServiceAndMarksDeploymentsReady() {
        UUID ws = UUID.randomUUID();
        String id = create(ws, deployment(UUID.randomUUID(), "served", ""), 201);
        in(ws).body("{\"state\":{\"type\":\"SCHEDULED\",\"name\":\"Scheduled\",\"state_details\":"
                + "{\"scheduled_time\":\"2020-01-01T00:00:00Z\"}}}").post("/deployments/" + id + "/create_flow_run")
                .then().statusCode(201);
        in(ws).body("{\"state\":{\"type\":\"RUNNING\",\"name\":\"Running\"}}").post("/deployments/" + id
                + "/create_flow_run").then().statusCode(201);
        in(ws).body("{\"deployment_ids\":[\"" + id + "\"],\"scheduled_before\":\"2030-01-01 00:00:00+00:00\"}")
                .post("/deployments/get_scheduled_flow_runs").then().statusCode(200).body("$", hasSize(1))
                .body("[0].state_type", equalTo("SCHEDULED"));
        in(ws).get("/deployments/" + id).then().body("status", equalTo("READY")).body("last_polled", notNullValue());
        in(ws).body("{}").post("/deployments/get_scheduled_flow_runs").then().statusCode(422);
    }

    @Test
    void deletingADeploymentDeletesItsScheduledRunsThatNeverRan() {
        UUID ws = UUID.randomUUID();
        String id = create(ws, deployment(UUID.randomUUID(), "cleanup", ""), 201);
        in(ws).body("{}").post("/deployments/" + id + "/create_flow_run").then().statusCode(201);
        in(ws).body("{\"state\":{\"type\":\"RUNNING\",\"name\":\"Running\"}}").post("/deployments/" + id
                + "/create_flow_run").then().statusCode(201);
        in(ws).delete("/deployments/" + id).then().statusCode(204);
        List<ObjectNode> left = RunsService.runs(ws);
        assertEquals(List.of("RUNNING"), left.stream().map(run -> run.get("state_type").asText()).toList());
    }

    @Test
    void bulkCreateReportsEachItemInOrder() {
        UUID ws = UUID.randomUUID();
        String id = create(ws, deployment(UUID.randomUUID(), "bulk", ""), 201);
        in(ws).body("[{}, {\"work_queue_name\":\"q\"}]").post("/deployments/" + id + "/create_flow_run/bulk").then()
                .statusCode(200).body("results.status", contains("CREATED", "FAILED"))
                .body("results[0].flow_run_id", notNullValue())
                .body("results[1].error", startsWith("Cannot create flow run in work queue q"));
        in(ws).body("[]").post("/deployments/" + UUID.randomUUID() + "/create_flow_run/bulk").then().statusCode(404);
    }

    @Test
    void uiCountsDeploymentsAndFindsTheNextRunPerFlow() {
        UUID ws = UUID.randomUUID();
        UUID flow = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String id = create(ws, deployment(flow, "one", ""), 201);
        create(ws, deployment(flow, "two", ""), 201);
        in(ws).body("{\"flow_ids\":[\"" + flow + "\",\"" + other + "\"]}").post("/ui/flows/count-deployments").then()
                .statusCode(200).body("'" + flow + "'", equalTo(2)).body("'" + other + "'", equalTo(0));
        String runId = in(ws).body("{}").post("/deployments/" + id + "/create_flow_run").then().statusCode(201)
                .extract().path("id");
        in(ws).body("{\"flow_ids\":[\"" + flow + "\"]}").post("/ui/flows/next-runs").then().statusCode(200)
                .body("'" + flow + "'.id", equalTo(runId)).body("'" + flow + "'.state_type", equalTo("SCHEDULED"))
                .body("'" + flow + "'.size()", equalTo(6));
    }

    @Test
    void nonUuidPathIsNotFound() {
        in(UUID.randomUUID()).get("/deployments/not-a-uuid").then().statusCode(404).body("detail", equalTo("Not Found"));
        in(UUID.randomUUID()).get("/deployments/" + UUID.randomUUID().toString().replace("-", "")).then()
                .statusCode(404).body("detail", not(equalTo("Not Found")));
    }
}
