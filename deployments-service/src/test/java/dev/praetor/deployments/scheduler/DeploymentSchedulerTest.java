package dev.praetor.deployments.scheduler;

import static dev.praetor.deployments.Requests.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.deployments.DeploymentsTestProfile;
import dev.praetor.deployments.RunsService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The scheduler's rounds against real PostgreSQL and the real runs-service ({@link RunsService}). */
@QuarkusTest
@TestProfile(DeploymentsTestProfile.class)
class DeploymentSchedulerTest {
    private static final String HOURLY = "{\"schedule\":{\"interval\":3600,\"anchor_date\":\"2025-01-01T00:00:00Z\"}}";

    @Inject
    DeploymentScheduler scheduler;

    private static String createDeployment(UUID ws, String schedules) {
        return in(ws).body("{\"flow_id\":\"" + UUID.randomUUID() + "\",\"name\":\"scheduled\",\"tags\":[\"etl\"],"
                + "\"parameters\":{\"a\":1},\"schedules\":" + schedules + "}").post("/deployments/").then().statusCode(201)
                .extract().path("id");
    }

    private static List<ObjectNode> autoScheduled(UUID ws) {
        return RunsService.runs(ws).stream().filter(run -> run.path("auto_scheduled").asBoolean()).toList();
    }

    @Test
    void hourlyScheduleGetsThreeRunsWithPrefectsFields() {
        UUID ws = UUID.randomUUID();
        String id = createDeployment(ws, "[{\"schedule\":{\"interval\":3600,\"anchor_date\":\"2025-01-01T00:00:00Z\"},"
                + "\"slug\":\"hourly\",\"parameters\":{\"b\":2}}]");
        scheduler.runOnce();
        List<ObjectNode> runs = autoScheduled(ws);
        assertEquals(3, runs.size());
        ObjectNode run = runs.get(0);
        String scheduleId = in(ws).get("/deployments/" + id + "/schedules").then().extract().path("[0].id");
        assertTrue(run.get("idempotency_key").asText().matches("scheduled " + id + " " + scheduleId
                + " \\d{4}-\\d{2}-\\d{2} \\d{2}:00:00\\+00:00"), run.get("idempotency_key").asText());
        assertEquals("[\"auto-scheduled\",\"etl\"]", run.get("tags").toString());
        assertEquals("{\"a\":1,\"b\":2}", run.get("parameters").toString());
        assertEquals("SCHEDULE", run.path("created_by").path("type").asText());
        assertEquals("hourly", run.path("created_by").path("display_value").asText());
        assertEquals(scheduleId, run.path("created_by").path("id").asText());
        assertEquals("Flow run scheduled", run.path("state").path("message").asText());
        assertEquals(id, run.path("labels").path("prefect.deployment.id").asText());
    }

    @Test
    void scheduledRunsOfAPoolOnlyDeploymentAreOnThePoolsDefaultQueue() {
        UUID ws = UUID.randomUUID();
        String poolId = in(ws).body("{\"name\":\"sched-pool\"}").post("/work_pools/").then().statusCode(201)
                .extract().path("id");
        String queueId = in(ws).get("/work_pools/sched-pool/queues/default").then().statusCode(200).extract().path("id");
        in(ws).body("{\"flow_id\":\"" + UUID.randomUUID() + "\",\"name\":\"pooled\",\"work_pool_name\":\"sched-pool\","
                + "\"schedules\":[" + HOURLY + "]}").post("/deployments/").then().statusCode(201);
        scheduler.runOnce();
        List<ObjectNode> runs = autoScheduled(ws);
        assertEquals(3, runs.size());
        for (ObjectNode run : runs) {
            assertEquals("default", run.path("work_queue_name").asText(null));
            assertEquals(queueId, run.path("work_queue_id").asText(null));
            assertEquals(poolId, run.path("work_pool_id").asText(null));
            assertEquals("sched-pool", run.path("work_pool_name").asText(null));
        }
    }

    @Test
    void aVisitedScheduleIsNotVisitedAgainUntilItRunsShort() {
        UUID ws = UUID.randomUUID();
        createDeployment(ws, "[" + HOURLY + "]");
        scheduler.runOnce();
        // a run deleted behind the scheduler's back would be created again by a second visit
        RunsService.delete(ws, autoScheduled(ws).get(0).get("id").asText());
        scheduler.runOnce();
        assertEquals(2, autoScheduled(ws).size());
    }

    @Test
    void everyMinuteScheduleCoversTheNextHour() {
        UUID ws = UUID.randomUUID();
        createDeployment(ws, "[{\"schedule\":{\"cron\":\"* * * * *\"}}]");
        scheduler.runOnce();
        int runs = autoScheduled(ws).size();
        assertTrue(runs >= 60 && runs <= 62, "runs: " + runs);
    }

    @Test
    void updateDeletesFutureAutoScheduledRunsAndTheSchedulerRecreatesThem() {
        UUID ws = UUID.randomUUID();
        String id = createDeployment(ws, "[" + HOURLY + "]");
        scheduler.runOnce();
        in(ws).body("{\"parameters\":{\"a\":5}}").patch("/deployments/" + id).then().statusCode(204);
        assertEquals(0, autoScheduled(ws).size());
        scheduler.runOnce();
        List<ObjectNode> runs = autoScheduled(ws);
        assertEquals(3, runs.size());
        assertEquals(5, runs.get(0).path("parameters").path("a").asInt());
    }

    @Test
    void pausedDeploymentsGetNoRunsUntilResumed() {
        UUID ws = UUID.randomUUID();
        String id = createDeployment(ws, "[" + HOURLY + "]");
        scheduler.runOnce();
        in(ws).post("/deployments/" + id + "/pause_deployment").then().statusCode(200);
        assertEquals(0, autoScheduled(ws).size());
        scheduler.runOnce();
        assertEquals(0, autoScheduled(ws).size());
        in(ws).post("/deployments/" + id + "/resume_deployment").then().statusCode(200);
        scheduler.runOnce();
        assertEquals(3, autoScheduled(ws).size());
    }

    @Test
    void inactiveSchedulesGetNoRuns() {
        UUID ws = UUID.randomUUID();
        createDeployment(ws, "[{\"schedule\":{\"interval\":60},\"active\":false}]");
        scheduler.runOnce();
        assertEquals(0, autoScheduled(ws).size());
    }

    @Test
    void cleanupsWaitForRunsServiceAndNothingIsScheduledMeanwhile() {
        UUID ws = UUID.randomUUID();
        String id = createDeployment(ws, "[" + HOURLY + "]");
        scheduler.runOnce();
        Set<String> before = ids(autoScheduled(ws));
        RunsService.process().stop();
        try {
            in(ws).body("{\"description\":\"changed while runs-service is down\"}").patch("/deployments/" + id).then()
                    .statusCode(204);
            scheduler.runOnce();
        } finally {
            RunsService.process().restart();
        }
        assertEquals(before, ids(autoScheduled(ws)));
        scheduler.runOnce();
        // the pending cleanup ran first, then the schedule was visited again: three new runs for the same dates
        List<ObjectNode> after = autoScheduled(ws);
        assertEquals(3, after.size());
        Set<String> both = new HashSet<>(before);
        both.retainAll(ids(after));
        assertEquals(Set.of(), both);
    }

    private static Set<String> ids(List<ObjectNode> runs) {
        Set<String> ids = new HashSet<>();
        runs.forEach(run -> ids.add(run.get("id").asText()));
        return ids;
    }

    @Test
    void scheduleRouteCreatesRunsNowWithTheGivenLimits() {
        UUID ws = UUID.randomUUID();
        String id = createDeployment(ws, "[" + HOURLY + "]");
        in(ws).body("{\"min_runs\":5,\"max_runs\":5}").post("/deployments/" + id + "/schedule").then().statusCode(200);
        assertEquals(5, autoScheduled(ws).size());
        in(ws).body("{}").post("/deployments/" + UUID.randomUUID() + "/schedule").then().statusCode(200);
    }
}
