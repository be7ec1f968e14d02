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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ws /logs/out}: logs published on the {@code logs} topic the way runs-service is to publish them (key = log
 * id, data = the {@code Log} as {@code /logs/filter} serves it) reach the subscribers whose filter includes them.
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

    /** Publishes a log as runs-service does once it stored it; returns its id. */
    private UUID publish(UUID workspace, int level, UUID flowRunId, UUID taskRunId) throws Exception {
        UUID id = UUID.randomUUID();
        String now = now().toString();
        topic.publish("logs", id.toString(), workspace, """
                {"id": "%s", "created": "%s", "updated": "%s", "name": "prefect.flow_runs", "level": %d,
                 "message": "Finished in state Completed()", "timestamp": "%s", "flow_run_id": %s,
                 "task_run_id": %s}""".formatted(id, now, now, level, now,
                flowRunId == null ? "null" : "\"" + flowRunId + "\"",
                taskRunId == null ? "null" : "\"" + taskRunId + "\""));
        return id;
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
