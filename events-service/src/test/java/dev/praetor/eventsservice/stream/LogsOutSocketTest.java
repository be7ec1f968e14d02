package dev.praetor.eventsservice.stream;

import static dev.praetor.eventsservice.stream.StreamTesting.now;
import static dev.praetor.eventsservice.stream.StreamTesting.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.eventsservice.EventsTestProfile;
import dev.praetor.eventsservice.TestSocket;
import dev.praetor.eventsservice.TopicWriter;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ws /logs/out}: logs published on the {@code logs} topic the way runs-service publishes them (log batches, key
 * = the flow run id) reach the subscribers whose filter includes them, each once, in order.
 */
@QuarkusTest
@TestProfile(EventsTestProfile.class)
class LogsOutSocketTest {
    private static final String PATH = "/logs/out";

    @Inject
    Vertx vertx;

    @Inject
    LogStream stream;

    @Inject
    LiveTopics live;

    @TestHTTPResource("/")
    URL url;

    private TopicWriter topic;

    @BeforeEach
    void start() throws Exception {
        live.positioned().toCompletableFuture().get(60, TimeUnit.SECONDS);
        topic = new TopicWriter();
    }

    @AfterEach
    void stop() {
        topic.close();
    }

    private TestSocket subscribe(UUID workspace, String filter) throws Exception {
        return StreamTesting.subscribe(vertx, url.getPort(), PATH, workspace,
                "{\"type\": \"filter\", \"filter\": " + filter + "}", () -> stream.subscribers(workspace));
    }

    /** A log of a batch: its id and what the filters read. */
    private record Line(UUID id, int level, UUID flowRunId, UUID taskRunId) {
        Line(int level, UUID flowRunId, UUID taskRunId) {
            this(UUID.randomUUID(), level, flowRunId, taskRunId);
        }

        String json(String timestamp) {
            return """
                    {"id": "%s", "name": "prefect.flow_runs", "level": %d, "message": "Finished in state Completed()",
                     "timestamp": "%s", "flow_run_id": %s, "task_run_id": %s}""".formatted(id, level, timestamp,
                    flowRunId == null ? "null" : "\"" + flowRunId + "\"",
                    taskRunId == null ? "null" : "\"" + taskRunId + "\"");
        }
    }

    /** The data of a batch record as runs-service publishes it once it stored the logs (log-batch version 1). */
    private static String batch(List<Line> lines) {
        String now = now().toString();
        List<String> logs = lines.stream().map(line -> line.json(now)).toList();
        return """
                {"format": "log-batch", "format_version": 1, "created": "%s", "logs": [%s]}"""
                .formatted(now, String.join(",", logs));
    }

    /** Publishes the lines as one batch, keyed as runs-service keys it. */
    private void publishBatch(UUID workspace, List<Line> lines) throws Exception {
        UUID flowRun = lines.get(0).flowRunId();
        topic.publish("logs", (flowRun == null ? lines.get(0).id() : flowRun).toString(), workspace, batch(lines));
    }

    /** Publishes one log as a batch of one; returns its id. */
    private UUID publish(UUID workspace, int level, UUID flowRunId, UUID taskRunId) throws Exception {
        Line line = new Line(level, flowRunId, taskRunId);
        publishBatch(workspace, List.of(line));
        return line.id();
    }

    private static List<String> idsUntil(TestSocket socket, UUID last) throws Exception {
        List<String> ids = new ArrayList<>();
        while (ids.isEmpty() || !ids.get(ids.size() - 1).equals(last.toString())) {
            JsonNode frame = parse(socket.nextMessage());
            assertEquals("log", frame.path("type").asText(), frame.toString());
            ids.add(frame.path("log").path("id").asText());
        }
        return ids;
    }

    @Test
    void newLogsThatMatchTheFilterAreSent() throws Exception {
        UUID workspace = UUID.randomUUID();
        UUID flowRun = UUID.randomUUID();
        try (TestSocket socket = subscribe(workspace,
                "{\"level\": {\"ge_\": 30}, \"flow_run_id\": {\"any_\": [\"" + flowRun + "\"]},"
                        + " \"task_run_id\": {\"is_null_\": true}}")) {
            publish(workspace, 20, flowRun, null);
            publish(workspace, 40, UUID.randomUUID(), null);
            publish(workspace, 40, flowRun, UUID.randomUUID());
            publish(UUID.randomUUID(), 40, flowRun, null);
            UUID matching = publish(workspace, 40, flowRun, null);
            UUID last = publish(workspace, 50, flowRun, null);
            assertEquals(List.of(matching.toString(), last.toString()), idsUntil(socket, last));
        }
    }

    @Test
    void aLogFrameCarriesTheLog() throws Exception {
        UUID workspace = UUID.randomUUID();
        UUID flowRun = UUID.randomUUID();
        UUID taskRun = UUID.randomUUID();
        try (TestSocket socket = subscribe(workspace, "{}")) {
            UUID id = publish(workspace, 20, flowRun, taskRun);
            JsonNode log = parse(socket.nextMessage()).path("log");
            assertEquals(id.toString(), log.path("id").asText());
            assertEquals(20, log.path("level").asInt());
            assertEquals("prefect.flow_runs", log.path("name").asText());
            assertEquals("Finished in state Completed()", log.path("message").asText());
            assertEquals(flowRun.toString(), log.path("flow_run_id").asText());
            assertEquals(taskRun.toString(), log.path("task_run_id").asText());
            assertTrue(log.path("timestamp").isTextual());
        }
    }

    @Test
    void everyMatchingLogOfABatchIsSentOnceInOrder() throws Exception {
        UUID workspace = UUID.randomUUID();
        UUID flowRun = UUID.randomUUID();
        try (TestSocket socket = subscribe(workspace,
                "{\"level\": {\"ge_\": 30}, \"flow_run_id\": {\"any_\": [\"" + flowRun + "\"]}}")) {
            List<Line> first = List.of(new Line(40, flowRun, null), new Line(20, flowRun, null),
                    new Line(50, flowRun, UUID.randomUUID()), new Line(30, flowRun, null));
            List<Line> second = List.of(new Line(10, flowRun, null), new Line(40, flowRun, null));
            publishBatch(workspace, first);
            publishBatch(workspace, List.of(new Line(50, UUID.randomUUID(), null)));
            publishBatch(workspace, second);
            UUID last = second.get(1).id();
            assertEquals(List.of(first.get(0).id().toString(), first.get(2).id().toString(),
                    first.get(3).id().toString(), last.toString()), idsUntil(socket, last));
        }
    }

    @Test
    void aBatchPublishedAgainIsNotSentAgain() throws Exception {
        UUID workspace = UUID.randomUUID();
        UUID flowRun = UUID.randomUUID();
        try (TestSocket socket = subscribe(workspace, "{}")) {
            List<Line> lines = List.of(new Line(20, flowRun, null), new Line(30, flowRun, null));
            publishBatch(workspace, lines);
            publishBatch(workspace, lines); // the relay's retry of a round Kafka had partly acknowledged
            UUID last = publish(workspace, 20, flowRun, null);
            assertEquals(List.of(lines.get(0).id().toString(), lines.get(1).id().toString(), last.toString()),
                    idsUntil(socket, last));
        }
    }

    @Test
    void aBatchFrameCarriesTheBatchCreatedAsCreatedAndUpdated() throws Exception {
        UUID workspace = UUID.randomUUID();
        try (TestSocket socket = subscribe(workspace, "{}")) {
            Line line = new Line(20, null, null);
            String data = batch(List.of(line));
            String created = parse(data).path("created").asText();
            topic.publish("logs", line.id().toString(), workspace, data);
            JsonNode log = parse(socket.nextMessage()).path("log");
            assertEquals(line.id().toString(), log.path("id").asText());
            assertTrue(OffsetDateTime.parse(log.path("created").asText()).isEqual(OffsetDateTime.parse(created)));
            assertTrue(OffsetDateTime.parse(log.path("updated").asText()).isEqual(OffsetDateTime.parse(created)));
            assertTrue(log.path("flow_run_id").isNull());
        }
    }

    @Test
    void aSingleLogRecordOfTheFormerFormatIsStillSent() throws Exception {
        UUID workspace = UUID.randomUUID();
        try (TestSocket socket = subscribe(workspace, "{}")) {
            UUID id = UUID.randomUUID();
            String now = now().toString();
            topic.publish("logs", id.toString(), workspace, """
                    {"id": "%s", "created": "%s", "updated": "%s", "name": "old", "level": 20, "message": "m",
                     "timestamp": "%s", "flow_run_id": null, "task_run_id": null}""".formatted(id, now, now, now));
            JsonNode log = parse(socket.nextMessage()).path("log");
            assertEquals(id.toString(), log.path("id").asText());
            assertEquals("old", log.path("name").asText());
        }
    }

    @Test
    void aBatchOfAnUnknownFormatVersionIsSkipped() throws Exception {
        UUID workspace = UUID.randomUUID();
        try (TestSocket socket = subscribe(workspace, "{}")) {
            Line future = new Line(20, null, null);
            topic.publish("logs", future.id().toString(), workspace,
                    batch(List.of(future)).replace("\"format_version\": 1", "\"format_version\": 2"));
            UUID last = publish(workspace, 20, null, null);
            assertEquals(List.of(last.toString()), idsUntil(socket, last));
        }
    }

    @Test
    void anInvalidFilterClosesWithProtocolError() throws Exception {
        try (TestSocket socket = TestSocket.connect(vertx, url.getPort(), PATH, UUID.randomUUID(), true)) {
            socket.authenticate(null);
            socket.send("{\"type\": \"filter\", \"filter\": {\"name\": {\"any_\": [\"x\"]}}}");
            assertEquals(1002, socket.awaitClose());
            assertTrue(socket.closeReason().startsWith("Invalid filter: "), socket.closeReason());
        }
    }

    @Test
    void aMessageOtherThanAFilterClosesWithProtocolError() throws Exception {
        try (TestSocket socket = TestSocket.connect(vertx, url.getPort(), PATH, UUID.randomUUID(), true)) {
            socket.authenticate(null);
            socket.send("{\"type\": \"hello\"}");
            assertEquals(1002, socket.awaitClose());
            assertEquals("Expected 'filter' message", socket.closeReason());
        }
    }
}
