package dev.praetor.runs.flowruns;

import static dev.praetor.runs.Api.in;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.praetor.runs.RunsTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Runs that deployments-service creates (deployments.md §8, §9): the fields Prefect's server sets itself, honoured only
 * on a service call, and the filters deployments-service asks with, answered from the run's own columns.
 */
@QuarkusTest
@TestProfile(RunsTestProfile.class)
class DeploymentRunsTest {
    private final UUID ws = UUID.randomUUID();
    private final UUID flow = UUID.randomUUID();
    private final UUID deployment = UUID.randomUUID();
    private final UUID queue = UUID.randomUUID();
    private final UUID pool = UUID.randomUUID();

    private RequestSpecification fromDeploymentsService() {
        return in(ws).header(FlowRunCreate.INTERNAL_CALLER, "deployments-service");
    }

    private String scheduled(String time, String key, UUID queueId) {
        return "{\"flow_id\":\"" + flow + "\",\"deployment_id\":\"" + deployment + "\",\"deployment_version\":\"v3\","
                // a run of a deployment without a pool names no queue (with a pool name alone, the pool would be resolved)
                + (queueId == null ? "" : "\"work_queue_id\":\"" + queueId + "\",\"work_queue_name\":\"default\","
                        + "\"work_pool_id\":\"" + pool + "\",\"work_pool_name\":\"local\",")
                + "\"auto_scheduled\":true,"
                + "\"idempotency_key\":\"" + key + "\",\"tags\":[\"auto-scheduled\"],"
                + "\"created_by\":{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"SCHEDULE\",\"display_value\":\"hourly\"},"
                + "\"labels\":{\"prefect.deployment.id\":\"" + deployment + "\",\"team\":\"data\"},"
                + "\"state\":{\"type\":\"SCHEDULED\",\"name\":\"Scheduled\",\"state_details\":{\"scheduled_time\":\"" + time + "\"}}}";
    }

    private String createScheduled(String time, String key, UUID queueId) {
        return fromDeploymentsService().body(scheduled(time, key, queueId)).post("/flow_runs/").then().statusCode(201)
                .extract().path("id");
    }

    private List<String> filterIds(String body) {
        return in(ws).body(body).post("/flow_runs/filter").then().statusCode(200).extract().path("id");
    }

    @Test
    void serviceCallsStoreTheFieldsPrefectsServerSetsItself() {
        String id = createScheduled("2030-01-01T00:00:00Z", "k1", queue);
        in(ws).get("/flow_runs/" + id).then().statusCode(200)
                .body("deployment_version", equalTo("v3")).body("work_queue_id", equalTo(queue.toString()))
                .body("work_queue_name", equalTo("default")).body("work_pool_id", equalTo(pool.toString()))
                .body("work_pool_name", equalTo("local")).body("auto_scheduled", equalTo(true))
                .body("created_by.type", equalTo("SCHEDULE")).body("created_by.display_value", equalTo("hourly"))
                .body("labels.team", equalTo("data")).body("labels.'prefect.flow.id'", equalTo(flow.toString()))
                .body("state_type", equalTo("SCHEDULED")).body("next_scheduled_start_time", equalTo("2030-01-01T00:00:00Z"));
        // the same key again: the existing run, unchanged
        fromDeploymentsService().body(scheduled("2031-01-01T00:00:00Z", "k1", queue)).post("/flow_runs/").then()
                .statusCode(200).body("id", equalTo(id)).body("next_scheduled_start_time", equalTo("2030-01-01T00:00:00Z"));
    }

    @Test
    void clientsCannotSetTheServiceOnlyFields() {
        in(ws).body(scheduled("2030-01-01T00:00:00Z", "k", queue)).post("/flow_runs/").then().statusCode(422)
                .body("exception_message", equalTo("Invalid request received."))
                .body("exception_detail.type", equalTo(List.of("extra_forbidden", "extra_forbidden", "extra_forbidden",
                        "extra_forbidden", "extra_forbidden")))
                .body("exception_detail.loc[0]", equalTo(List.of("body", "deployment_version")));
        in(ws).body("{\"flow_id\":\"" + flow + "\",\"auto_scheduled\":true}").post("/flow_runs/").then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "auto_scheduled")));
    }

    @Test
    void aClientNamingAWorkPoolNeedsDeploymentsService() {
        in(ws).body("{\"flow_id\":\"" + flow + "\",\"work_pool_name\":\"local\"}").post("/flow_runs/").then().statusCode(503);
        in(ws).body("{\"flow_id\":\"" + flow + "\",\"work_queue_name\":\"q\"}").post("/flow_runs/").then().statusCode(201)
                .body("work_queue_name", equalTo("q")).body("work_queue_id", nullValue()).body("work_pool_name", nullValue());
    }

    @Test
    void filtersByQueueFlowAndDeploymentIdsUseTheRunsOwnColumns() {
        String late = createScheduled("2030-01-02T00:00:00Z", "late", queue);
        String soon = createScheduled("2030-01-01T00:00:00Z", "soon", queue);
        String elsewhere = createScheduled("2030-01-01T00:00:00Z", "elsewhere", UUID.randomUUID());
        String unqueued = createScheduled("2030-01-01T00:00:00Z", "unqueued", null);
        String other = in(ws).body("{\"flow_id\":\"" + UUID.randomUUID() + "\"}").post("/flow_runs/").then().statusCode(201)
                .extract().path("id");

        assertEquals(List.of(soon, late), filterIds("{\"work_pool_queues\":{\"id\":{\"any_\":[\"" + queue + "\"]}},"
                + "\"flow_runs\":{\"state\":{\"type\":{\"any_\":[\"SCHEDULED\"]}}},\"sort\":\"NEXT_SCHEDULED_START_TIME_ASC\"}"));
        assertEquals(List.of(), filterIds("{\"work_pool_queues\":{\"id\":{\"any_\":[]}}}"));
        assertEquals(Set.of(late, soon, elsewhere, unqueued),
                Set.copyOf(filterIds("{\"flows\":{\"id\":{\"any_\":[\"" + flow + "\"]}}}")));
        assertEquals(List.of(other), filterIds("{\"flows\":{\"id\":{\"not_any_\":[\"" + flow + "\"]}}}"));
        assertEquals(4, filterIds("{\"deployments\":{\"id\":{\"any_\":[\"" + deployment + "\"]}}}").size());
        // a run of no deployment has no related deployment, so even "not this one" does not select it
        assertEquals(List.of(), filterIds("{\"deployments\":{\"id\":{\"not_any_\":[\"" + deployment + "\"]}}}"));
        in(ws).body("{\"deployments\":{\"id\":{\"any_\":[\"" + deployment + "\"]}}}").post("/flow_runs/count").then()
                .body(equalTo("4"));
        // the other workspace sees none of them
        in(UUID.randomUUID()).body("{\"deployments\":{\"id\":{\"any_\":[\"" + deployment + "\"]}}}")
                .post("/flow_runs/filter").then().body("$", hasSize(0));
    }

    @Test
    void relatedCriteriaBeyondIdsAreAnsweredFromProjections() {
        // flows, queues and pools known to no projection here: nothing matches (dev.praetor.runs.projections tests
        // the matches), and the criteria are accepted rather than refused
        createScheduled("2030-01-01T00:00:00Z", "projected", queue);
        assertEquals(List.of(), filterIds("{\"flows\":{\"name\":{\"any_\":[\"etl\"]}}}"));
        assertEquals(List.of(), filterIds("{\"work_pool_queues\":{\"name\":{\"any_\":[\"q\"]}}}"));
        assertEquals(List.of(), filterIds("{\"work_pools\":{\"type\":{\"any_\":[\"process\"]}}}"));
    }

    @Test
    void bulkDeleteByIdsDeletesExactlyThoseRuns() {
        String a = createScheduled("2030-01-01T00:00:00Z", "a", queue);
        String b = createScheduled("2030-01-01T01:00:00Z", "b", queue);
        String c = createScheduled("2030-01-01T02:00:00Z", "c", queue);
        in(ws).body("{\"flow_runs\":{\"id\":{\"any_\":[\"" + a + "\",\"" + c + "\",\"" + UUID.randomUUID() + "\"]}},\"limit\":50}")
                .post("/flow_runs/bulk_delete").then().statusCode(200).body("deleted", hasSize(2));
        assertEquals(List.of(b), filterIds("{\"deployments\":{\"id\":{\"any_\":[\"" + deployment + "\"]}}}"));
    }
}
