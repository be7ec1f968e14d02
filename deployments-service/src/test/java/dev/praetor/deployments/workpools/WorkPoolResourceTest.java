package dev.praetor.deployments.workpools;

import static dev.praetor.deployments.Requests.in;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.praetor.deployments.DeploymentsTestProfile;
import dev.praetor.deployments.workers.Foreman;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(DeploymentsTestProfile.class)
class WorkPoolResourceTest {
    private static final String PROCESS_TEMPLATE = "{\"job_configuration\":{\"command\":\"{{ command }}\"},"
            + "\"variables\":{\"type\":\"object\",\"properties\":{\"command\":{\"type\":\"string\"}}}}";

    @Inject
    Foreman foreman;

    private static String createPool(UUID ws, String name, String extra) {
        return in(ws).body("{\"name\":\"" + name + "\",\"type\":\"process\"" + (extra.isEmpty() ? "" : "," + extra) + "}")
                .post("/work_pools/").then().statusCode(201).extract().path("id");
    }

    @Test
    void createdPoolHasARealDefaultQueueAndNotReadyStatus() {
        UUID ws = UUID.randomUUID();
        in(ws).body("{\"name\":\"local\",\"type\":\"process\",\"base_job_template\":" + PROCESS_TEMPLATE + "}")
                .post("/work_pools/").then().statusCode(201)
                .body("status", equalTo("NOT_READY")).body("is_paused", equalTo(false))
                .body("default_queue_id", notNullValue()).body("base_job_template.variables.type", equalTo("object"))
                .body("storage_configuration.default_result_storage_block_id", nullValue())
                .body("active_slots", nullValue());
        String queueId = in(ws).get("/work_pools/local").then().statusCode(200).extract().path("default_queue_id");
        in(ws).get("/work_pools/local/queues/default").then().statusCode(200).body("id", equalTo(queueId))
                .body("priority", equalTo(1)).body("description", equalTo("The work pool's default queue."))
                .body("work_pool_name", equalTo("local"));
    }

    @Test
    void poolNamesAreUniqueAndPrefectNamesReserved() {
        UUID ws = UUID.randomUUID();
        createPool(ws, "dup", "");
        in(ws).body("{\"name\":\"dup\"}").post("/work_pools/").then().statusCode(409)
                .body("detail", equalTo("A work pool with this name already exists."));
        in(ws).body("{\"name\":\"Prefect-managed\"}").post("/work_pools/").then().statusCode(403)
                .body("detail", equalTo("Work pools starting with 'Prefect' are reserved for internal use."));
        in(ws).get("/work_pools/missing").then().statusCode(404).body("detail", equalTo("Work pool \"missing\" not found."));
    }

    @Test
    void filterIsByNameAndCountsPools() {
        UUID ws = UUID.randomUUID();
        createPool(ws, "b", "");
        createPool(ws, "a", "");
        in(ws).body("{\"work_pools\":null,\"limit\":null,\"offset\":null}").post("/work_pools/filter").then()
                .statusCode(200).body("name", contains("a", "b"));
        in(ws).body("{\"work_pools\":{\"name\":{\"any_\":[\"b\"]}}}").post("/work_pools/count").then().body(equalTo("1"));
    }

    @Test
    void pausingAndHeartbeatsDriveThePoolStatus() {
        UUID ws = UUID.randomUUID();
        createPool(ws, "status", "");
        in(ws).body("{\"name\":\"worker-1\",\"heartbeat_interval_seconds\":30.0,\"return_id\":true}")
                .post("/work_pools/status/workers/heartbeat").then().statusCode(204);
        in(ws).get("/work_pools/status").then().body("status", equalTo("READY"));
        in(ws).body("{\"is_paused\":true}").patch("/work_pools/status").then().statusCode(204);
        in(ws).get("/work_pools/status").then().body("status", equalTo("PAUSED"));
        in(ws).body("{\"is_paused\":false}").patch("/work_pools/status").then().statusCode(204);
        in(ws).get("/work_pools/status").then().body("status", equalTo("READY"));
        in(ws).body("{\"workers\":{\"status\":{\"any_\":[\"ONLINE\"]}},\"offset\":null,\"limit\":null}")
                .post("/work_pools/status/workers/filter").then().statusCode(200).body("name", contains("worker-1"))
                .body("[0].heartbeat_interval_seconds", equalTo(30));
        in(ws).delete("/work_pools/status/workers/worker-1").then().statusCode(204);
        in(ws).delete("/work_pools/status/workers/worker-1").then().statusCode(404).body("detail", equalTo("Worker not found."));
    }

    @Test
    void foremanMarksPoolsWithoutOnlineWorkersNotReady() {
        UUID ws = UUID.randomUUID();
        createPool(ws, "foreman", "");
        in(ws).body("{\"name\":\"w\",\"heartbeat_interval_seconds\":0}").post("/work_pools/foreman/workers/heartbeat")
                .then().statusCode(204);
        foreman.runOnce();
        in(ws).body("{}").post("/work_pools/foreman/workers/filter").then().body("[0].status", equalTo("OFFLINE"));
        in(ws).get("/work_pools/foreman").then().body("status", equalTo("NOT_READY"));
    }

    @Test
    void queuesTakeTheFirstFreePriorityOrShiftOthers() {
        UUID ws = UUID.randomUUID();
        createPool(ws, "prio", "");
        in(ws).body("{\"name\":\"second\"}").post("/work_pools/prio/queues").then().statusCode(201).body("priority", equalTo(2));
        in(ws).body("{\"name\":\"third\"}").post("/work_pools/prio/queues").then().statusCode(201).body("priority", equalTo(3));
        in(ws).body("{\"name\":\"urgent\",\"priority\":2}").post("/work_pools/prio/queues").then().statusCode(201)
                .body("priority", equalTo(2));
        in(ws).body("{}").post("/work_pools/prio/queues/filter").then().statusCode(200)
                .body("name", contains("default", "urgent", "second", "third")).body("priority", contains(1, 2, 3, 4));
        in(ws).body("{\"priority\":10}").patch("/work_pools/prio/queues/urgent").then().statusCode(204);
        in(ws).body("{}").post("/work_pools/prio/queues/filter").then().body("name", contains("default", "second", "third", "urgent"));
        in(ws).body("{\"name\":\"second\"}").post("/work_pools/prio/queues").then().statusCode(409)
                .body("detail", equalTo("A work queue with this name already exists in work pool {work_pool_name!r}."));
    }

    @Test
    void queueRoutesAnswerPrefectsNotFoundAndKeepTheDefaultQueue() {
        UUID ws = UUID.randomUUID();
        createPool(ws, "q", "");
        in(ws).get("/work_pools/q/queues/nope").then().statusCode(404).body("detail", equalTo("Work pool queue 'q/nope' not found."));
        in(ws).get("/work_pools/none/queues/nope").then().statusCode(404).body("detail", equalTo("Work pool queue 'none/nope' not found."));
        in(ws).body("{}").patch("/work_pools/none/queues/x").then().statusCode(404).body("detail", equalTo("Work pool \"none\" not found."));
        in(ws).delete("/work_pools/q/queues/default").then().statusCode(409).body("detail", equalTo("Can't delete a pool's default queue."));
        in(ws).body("{\"name\":\"temp\",\"is_paused\":true}").post("/work_pools/q/queues").then().statusCode(201)
                .body("status", equalTo("NOT_READY"));
        in(ws).delete("/work_pools/q/queues/temp").then().statusCode(204);
    }

    @Test
    void deletingAPoolDeletesItsQueues() {
        UUID ws = UUID.randomUUID();
        createPool(ws, "doomed", "");
        in(ws).delete("/work_pools/doomed").then().statusCode(204);
        in(ws).get("/work_pools/doomed/queues/default").then().statusCode(404);
        in(ws).delete("/work_pools/doomed").then().statusCode(404);
    }

    @Test
    void workerPollingReturnsScheduledRunsOfThePoolsQueuesInPriorityOrder() {
        UUID ws = UUID.randomUUID();
        String poolId = createPool(ws, "poll", "");
        in(ws).body("{\"name\":\"low\",\"priority\":5}").post("/work_pools/poll/queues").then().statusCode(201);
        String deployment = in(ws).body("{\"flow_id\":\"" + UUID.randomUUID() + "\",\"name\":\"d\",\"work_pool_name\":\"poll\"}")
                .post("/deployments/").then().statusCode(201).extract().path("id");
        String scheduled = "\"state\":{\"type\":\"SCHEDULED\",\"name\":\"Scheduled\",\"state_details\":"
                + "{\"scheduled_time\":\"2020-01-01T00:00:00Z\"}}";
        in(ws).body("{\"work_queue_name\":\"low\"," + scheduled + "}").post("/deployments/" + deployment + "/create_flow_run")
                .then().statusCode(201);
        in(ws).body("{" + scheduled + "}").post("/deployments/" + deployment + "/create_flow_run").then().statusCode(201);
        in(ws).body("{\"work_queue_names\":[],\"scheduled_before\":\"2030-01-01 00:00:00.000001+00:00\"}")
                .post("/work_pools/poll/get_scheduled_flow_runs").then().statusCode(200).body("$", hasSize(2))
                .body("[0].work_pool_id", equalTo(poolId)).body("[0].flow_run.work_queue_name", equalTo("default"))
                .body("[1].flow_run.work_queue_name", equalTo("low"));
        in(ws).get("/work_pools/poll/queues/default").then().body("status", equalTo("READY")).body("last_polled", notNullValue());
        in(ws).get("/deployments/" + deployment).then().body("status", equalTo("READY"));
        in(ws).body("{\"work_queue_names\":[\"nope\"]}").post("/work_pools/poll/get_scheduled_flow_runs").then()
                .statusCode(404).body("detail", equalTo("Work pool queue 'poll/nope' not found."));
        in(ws).body("{}").post("/work_pools/none/get_scheduled_flow_runs").then().statusCode(404);
    }

    @Test
    void workerChannelWebsocketIsNotFound() {
        in(UUID.randomUUID()).get("/work_pools/any/workers/connect").then().statusCode(404).body("detail", equalTo("Not Found"));
    }

    @Test
    void legacyQueuesLiveInTheAgentPool() {
        UUID ws = UUID.randomUUID();
        String id = in(ws).body("{\"name\":\"agent-q\"}").post("/work_queues/").then().statusCode(201)
                .body("work_pool_name", equalTo("default-agent-pool")).extract().path("id");
        in(ws).get("/work_queues/" + id).then().statusCode(200).body("name", equalTo("agent-q"));
        in(ws).get("/work_queues/name/agent-q").then().statusCode(200).body("id", equalTo(id));
        in(ws).get("/work_pools/default-agent-pool").then().body("type", equalTo("prefect-agent")).body("status", nullValue());
        in(ws).body("{\"name\":\"agent-q\"}").post("/work_queues/").then().statusCode(409)
                .body("detail", equalTo("A work queue with this name already exists."));
        in(ws).body("{\"is_paused\":true}").patch("/work_queues/" + id).then().statusCode(204);
        in(ws).get("/work_queues/" + id).then().body("status", equalTo("PAUSED")).body("is_paused", equalTo(true));
        in(ws).body("{}").post("/work_queues/filter").then().body("name", contains("agent-q", "default"));
        in(ws).get("/work_queues/" + UUID.randomUUID()).then().statusCode(404).body("detail", equalTo("work queue not found"));
        in(ws).get("/work_queues/" + id + "/status").then().statusCode(200).body("healthy", equalTo(false))
                .body("late_runs_count", equalTo(0)).body("health_check_policy.maximum_seconds_since_last_polled", equalTo(60));
        in(ws).body("{}").post("/work_queues/" + UUID.randomUUID() + "/get_runs").then().statusCode(404)
                .body("exception_message", notNullValue());
        in(ws).delete("/work_queues/" + id).then().statusCode(204);
    }
}
