package dev.praetor.runs.background;

import static dev.praetor.runs.Api.createFlowRun;
import static dev.praetor.runs.Api.in;
import static dev.praetor.runs.Api.setState;
import static dev.praetor.runs.Api.state;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.praetor.runs.RunsTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The background services against real PostgreSQL: each test sets runs up through the API, runs a round, and reads
 * the runs back. The services' own loops run too; a round is idempotent, so whichever acts first, the outcome is the
 * same.
 */
@QuarkusTest
@TestProfile(RunsTestProfile.class)
class BackgroundServicesTest {
    private static final Duration ROUND = Duration.ofSeconds(30);

    @Inject
    LateRuns lateRuns;

    @Inject
    PauseExpirations pauseExpirations;

    @Inject
    CancellationCleanup cancellationCleanup;

    @Inject
    Pool pool;

    private static String scheduledAt(OffsetDateTime at) {
        return "{\"type\": \"SCHEDULED\", \"state_details\": {\"scheduled_time\": \"" + at + "\"}}";
    }

    @Test
    void overdueScheduledRunsBecomeLateAndOthersAreLeftAlone() {
        UUID ws = UUID.randomUUID();
        // PostgreSQL keeps microseconds
        OffsetDateTime past = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(2).truncatedTo(ChronoUnit.MICROS);
        String overdue = createFlowRun(ws, "\"state\": " + scheduledAt(past));
        String future = createFlowRun(ws, "\"state\": " + scheduledAt(OffsetDateTime.now(ZoneOffset.UTC).plusHours(1)));
        String justDue = createFlowRun(ws, "\"state\": " + scheduledAt(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1)));
        String awaitingRetry = createFlowRun(ws, "\"state\": {\"type\": \"SCHEDULED\", \"name\": \"AwaitingRetry\","
                + " \"state_details\": {\"scheduled_time\": \"" + past + "\"}}");

        lateRuns.round().await().atMost(ROUND);

        in(ws).get("/flow_runs/" + overdue).then().statusCode(200)
                .body("state.type", equalTo("SCHEDULED")).body("state.name", equalTo("Late"))
                .body("state_name", equalTo("Late"));
        String scheduledTime = in(ws).get("/flow_runs/" + overdue).then().extract().path("state.state_details.scheduled_time");
        assertTrue(OffsetDateTime.parse(scheduledTime).isEqual(past), scheduledTime + " vs " + past);
        in(ws).get("/flow_runs/" + future).then().body("state.name", equalTo("Scheduled"));
        in(ws).get("/flow_runs/" + justDue).then().body("state.name", equalTo("Scheduled"));
        in(ws).get("/flow_runs/" + awaitingRetry).then().body("state.name", equalTo("AwaitingRetry"));
        // a second round finds nothing more to do for these runs
        lateRuns.round().await().atMost(ROUND);
        in(ws).get("/flow_run_states/?flow_run_id=" + overdue).then().statusCode(200).body("size()", equalTo(2))
                .body("[1].name", equalTo("Late"));
    }

    @Test
    void pausesPastTheirTimeoutFail() {
        UUID ws = UUID.randomUUID();
        String expired = pausedRun(ws, OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(5));
        String waiting = pausedRun(ws, OffsetDateTime.now(ZoneOffset.UTC).plusHours(1));

        pauseExpirations.round().await().atMost(ROUND);

        in(ws).get("/flow_runs/" + expired).then().body("state.type", equalTo("FAILED"))
                .body("state.message", equalTo(PauseExpirations.MESSAGE));
        in(ws).get("/flow_runs/" + waiting).then().body("state.type", equalTo("PAUSED"));
    }

    private static String pausedRun(UUID ws, OffsetDateTime timeout) {
        String run = createFlowRun(ws, "");
                setState(ws, run, state("RUNNING")).statusCode(201);
        setState(ws, run, "{\"type\": \"PAUSED\", \"state_details\": {\"pause_timeout\": \"" + timeout + "\"}}")
                .statusCode(201).body("status", equalTo("ACCEPT"));
        return run;
    }

    @Test
    void cancellingThatNeverEndsIsCancelledAfterTheTimeout() {
        UUID ws = UUID.randomUUID();
        String stuck = createFlowRun(ws, "");
        String recent = createFlowRun(ws, "");
        for (String run : new String[] {stuck, recent}) {
                        setState(ws, run, state("RUNNING")).statusCode(201);
            setState(ws, run, state("CANCELLING")).statusCode(201).body("status", equalTo("ACCEPT"));
        }
        // The run entered CANCELLING longer ago than the timeout: move its state's time back instead of waiting.
        pool.preparedQuery("UPDATE flow_run SET state_timestamp = state_timestamp - interval '1 hour' WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(stuck))).await().atMost(ROUND);
        pool.preparedQuery("UPDATE flow_run_state SET timestamp = timestamp - interval '1 hour' WHERE id ="
                + " (SELECT state_id FROM flow_run WHERE id = $1)").execute(Tuple.of(UUID.fromString(stuck)))
                .await().atMost(ROUND);

        cancellationCleanup.round().await().atMost(ROUND);

        in(ws).get("/flow_runs/" + stuck).then().body("state.type", equalTo("CANCELLED"))
                .body("state.message", equalTo(CancellationCleanup.TIMED_OUT));
        in(ws).get("/flow_runs/" + recent).then().body("state.type", equalTo("CANCELLING"));
    }

    @Test
    void aCancelledParentCancelsItsUnfinishedTasksAndSubflows() {
        UUID ws = UUID.randomUUID();
        String parent = createFlowRun(ws, "");
        setState(ws, parent, state("RUNNING")).statusCode(201);
        String tracker = taskRun(ws, parent, "child-flow");
        String unfinishedTask = taskRun(ws, parent, "slow-task");
        String subflow = createFlowRun(ws, "\"parent_task_run_id\": \"" + tracker + "\"");
        setState(ws, subflow, state("RUNNING")).statusCode(201);
        String otherParent = createFlowRun(ws, "");
        String otherTask = taskRun(ws, otherParent, "untouched");

        in(ws).body("{\"state\": {\"type\": \"CANCELLED\"}, \"force\": true}").post("/flow_runs/" + parent + "/set_state")
                .then().statusCode(201);

        cancellationCleanup.round().await().atMost(ROUND);

        in(ws).get("/flow_runs/" + subflow).then().body("state.type", equalTo("CANCELLED"))
                .body("state.message", equalTo(CancellationCleanup.PARENT_CANCELLED));
        in(ws).get("/task_runs/" + unfinishedTask).then().body("state.type", equalTo("CANCELLED"))
                .body("state.message", equalTo(CancellationCleanup.PARENT_CANCELLED));
        in(ws).get("/task_runs/" + otherTask).then().body("state.type", startsWith("RUNNING"));
    }

    private static String taskRun(UUID ws, String flowRun, String key) {
        String id = in(ws).body("{\"flow_run_id\": \"" + flowRun + "\", \"task_key\": \"" + key + "\", \"dynamic_key\": \"0\","
                + " \"name\": \"" + key + "\"}").post("/task_runs/").then().statusCode(201).extract().path("id");
        in(ws).body("{\"state\": {\"type\": \"RUNNING\"}, \"force\": true}").post("/task_runs/" + id + "/set_state")
                .then().statusCode(201);
        return id;
    }
}
