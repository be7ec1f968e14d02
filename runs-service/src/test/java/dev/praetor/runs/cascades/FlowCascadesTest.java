package dev.praetor.runs.cascades;

import static dev.praetor.runs.Api.in;
import static dev.praetor.runs.Api.setTaskState;
import static dev.praetor.runs.Api.state;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.praetor.testsupport.Eventually;
import dev.praetor.testsupport.topics.SnapshotTopics;
import dev.praetor.testsupport.topics.Snapshots;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * Deleting a flow deletes its runs with everything that hangs off them (task runs, their states, logs), driven by the
 * tombstone flows-service publishes on {@code flows}; other flows and other workspaces keep theirs.
 */
@QuarkusTest
@TestProfile(CascadesTestProfile.class)
class FlowCascadesTest {

    /** One flow run of {@code flowId} with a task run (in a state), a flow-run log and a task-run log. */
    private record RunTree(UUID workspace, String flowRunId, String taskRunId) {
        static RunTree create(UUID workspace, UUID flowId) {
            String flowRunId = in(workspace).body("{\"flow_id\": \"" + flowId + "\"}").post("/flow_runs/").then()
                    .statusCode(201).extract().path("id");
            String taskRunId = in(workspace).body("{\"flow_run_id\": \"" + flowRunId + "\", \"task_key\": \"extract\", "
                    + "\"dynamic_key\": \"0\"}").post("/task_runs/").then().statusCode(201).extract().path("id");
            setTaskState(workspace, taskRunId, state("RUNNING")).statusCode(org.hamcrest.Matchers.oneOf(200, 201));
            in(workspace).body("[" + log(flowRunId, null) + ", " + log(flowRunId, taskRunId) + "]").post("/logs/").then()
                    .statusCode(201);
            return new RunTree(workspace, flowRunId, taskRunId);
        }

        private static String log(String flowRunId, String taskRunId) {
            return "{\"name\": \"prefect\", \"level\": 20, \"message\": \"hello\", \"timestamp\": \"2026-01-01T10:00:00Z\", "
                    + "\"flow_run_id\": \"" + flowRunId + "\", \"task_run_id\": "
                    + (taskRunId == null ? "null" : "\"" + taskRunId + "\"") + "}";
        }

        boolean flowRunExists() {
            int status = in(workspace).get("/flow_runs/" + flowRunId).then().extract().statusCode();
            if (status != 200 && status != 404) {
                throw new AssertionError("GET /flow_runs/" + flowRunId + " answered " + status);
            }
            return status == 200;
        }

        /** Whether anything of the tree is still stored: the run, its task run, the task run's states, the logs. */
        boolean anythingLeft() {
            return flowRunExists()
                    || in(workspace).get("/task_runs/" + taskRunId).then().extract().statusCode() != 404
                    || !in(workspace).queryParam("task_run_id", taskRunId).get("/task_run_states/").then().statusCode(200)
                            .extract().jsonPath().getList("$").isEmpty()
                    || logCount() > 0;
        }

        /** Whether everything of the tree is still stored. */
        boolean complete() {
            return flowRunExists()
                    && in(workspace).get("/task_runs/" + taskRunId).then().extract().statusCode() == 200
                    && !in(workspace).queryParam("task_run_id", taskRunId).get("/task_run_states/").then().statusCode(200)
                            .extract().jsonPath().getList("$").isEmpty()
                    && logCount() == 2;
        }

        private int logCount() {
            return in(workspace).body("{\"logs\": {\"flow_run_id\": {\"any_\": [\"" + flowRunId + "\"]}}}")
                    .post("/logs/filter").then().statusCode(200).extract().jsonPath().getList("$").size();
        }
    }

    @Test
    void flowTombstoneDeletesItsRunsTaskRunsStatesAndLogsOnly() {
        UUID ws = UUID.randomUUID();
        UUID otherWs = UUID.randomUUID();
        UUID deletedFlow = UUID.randomUUID();
        UUID keptFlow = UUID.randomUUID();
        List<RunTree> doomed = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // chunks of 2: three chunks
            doomed.add(RunTree.create(ws, deletedFlow));
        }
        RunTree otherFlow = RunTree.create(ws, keptFlow);
        // the same flow id in another workspace is another workspace's business
        RunTree otherWorkspace = RunTree.create(otherWs, deletedFlow);
        doomed.forEach(tree -> assertEquals(true, tree.complete()));

        try (SnapshotTopics flows = new SnapshotTopics()) {
            RecordMetadata sent = flows.send(Snapshots.tombstone("flows", ws, deletedFlow, 3));
            Eventually.await("the deletion of the flow's runs", () -> doomed.stream().noneMatch(RunTree::anythingLeft));
            flows.awaitConsumed(CascadesTestProfile.GROUP, sent);
            flows.awaitTombstones("flow-runs", doomed.stream().map(RunTree::flowRunId).toList());
            flows.awaitTombstones("task-runs", doomed.stream().map(RunTree::taskRunId).toList());
            assertEquals(true, otherFlow.complete(), "another flow's runs are kept");
            assertEquals(true, otherWorkspace.complete(), "another workspace's runs are kept");

            // replaying the tombstone (at-least-once delivery) changes nothing
            RecordMetadata replayed = flows.send(Snapshots.tombstone("flows", ws, deletedFlow, 3));
            flows.awaitConsumed(CascadesTestProfile.GROUP, replayed);
            doomed.forEach(tree -> assertEquals(false, tree.anythingLeft()));
            assertEquals(true, otherFlow.complete());
            assertEquals(true, otherWorkspace.complete());
        }
    }

    @Test
    void flowSnapshotsDeleteNothing() {
        UUID ws = UUID.randomUUID();
        UUID flowId = UUID.randomUUID();
        RunTree tree = RunTree.create(ws, flowId);
        try (SnapshotTopics flows = new SnapshotTopics()) {
            RecordMetadata sent = flows.send(Snapshots.flow(ws, flowId, 2, "etl", List.of()));
            flows.awaitConsumed(CascadesTestProfile.GROUP, sent);
        }
        assertEquals(true, tree.complete());
    }
}
