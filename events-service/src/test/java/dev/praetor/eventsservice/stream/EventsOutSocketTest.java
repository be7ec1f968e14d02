package dev.praetor.eventsservice.stream;

import static dev.praetor.eventsservice.Requests.in;
import static dev.praetor.eventsservice.stream.StreamTesting.cancellationFilter;
import static dev.praetor.eventsservice.stream.StreamTesting.event;
import static dev.praetor.eventsservice.stream.StreamTesting.eventId;
import static dev.praetor.eventsservice.stream.StreamTesting.filterMessage;
import static dev.praetor.eventsservice.stream.StreamTesting.flowRunStateEvent;
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
import io.vertx.core.http.WebSocketClientOptions;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ws /events/out}: Prefect's subscription protocol, filters, backfill and live events from the topic. */
@QuarkusTest
@TestProfile(EventsTestProfile.class)
class EventsOutSocketTest {
    private static final String PATH = "/events/out";
    private static final WebSocketClientOptions LARGE_FRAMES = new WebSocketClientOptions()
            .setMaxFrameSize(2 * 1024 * 1024).setMaxMessageSize(2 * 1024 * 1024);

    @Inject
    Vertx vertx;

    @Inject
    EventStream stream;

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

    private TestSocket subscribe(UUID workspace, String filterMessage) throws Exception {
        return StreamTesting.subscribe(vertx, url.getPort(), PATH, workspace, filterMessage,
                () -> stream.subscribers(workspace));
    }

    private void publish(UUID workspace, UUID id, String event) throws Exception {
        topic.publish("events", id.toString(), workspace, event);
    }

    /** The ids of the events received up to and including {@code last}. */
    private static List<String> idsUntil(TestSocket socket, UUID last) throws Exception {
        List<String> ids = new ArrayList<>();
        while (ids.isEmpty() || !ids.get(ids.size() - 1).equals(last.toString())) {
            ids.add(eventId(socket.nextMessage()));
        }
        return ids;
    }

    @Test
    void aMessageOtherThanAFilterClosesWithProtocolError() throws Exception {
        try (TestSocket socket = TestSocket.connect(vertx, url.getPort(), PATH, UUID.randomUUID(), true)) {
            socket.authenticate(null);
            socket.send("{\"type\": \"subscribe\"}");
            assertEquals(1002, socket.awaitClose());
            assertEquals("Expected 'filter' message", socket.closeReason());
        }
    }

    @Test
    void anInvalidFilterClosesWithProtocolError() throws Exception {
        try (TestSocket socket = TestSocket.connect(vertx, url.getPort(), PATH, UUID.randomUUID(), true)) {
            socket.authenticate(null);
            socket.send("{\"type\": \"filter\", \"filter\": {\"evnt\": {\"name\": [\"x\"]}}}");
            assertEquals(1002, socket.awaitClose());
            assertTrue(socket.closeReason().startsWith("Invalid filter: "), socket.closeReason());
        }
    }

    @Test
    void aFirstMessageOtherThanAuthClosesWithPolicyViolation() throws Exception {
        try (TestSocket socket = TestSocket.connect(vertx, url.getPort(), PATH, UUID.randomUUID(), true)) {
            socket.send(cancellationFilter());
            assertEquals(1008, socket.awaitClose());
        }
    }

    /** Acceptance of issue 6: a served flow's cancellation watcher learns of the Cancelling state through the stream. */
    @Test
    void aCancellingStateChangePublishedByRunsServiceReachesTheCancellationWatcher() throws Exception {
        UUID workspace = UUID.randomUUID();
        UUID flowRun = UUID.randomUUID();
        UUID cancelling = UUID.randomUUID();
        try (TestSocket socket = subscribe(workspace, cancellationFilter())) {
            publish(workspace, UUID.randomUUID(), flowRunStateEvent(UUID.randomUUID(), flowRun, "RUNNING", "Running"));
            publish(UUID.randomUUID(), UUID.randomUUID(),
                    flowRunStateEvent(UUID.randomUUID(), flowRun, "CANCELLING", "Cancelling"));
            publish(workspace, cancelling, flowRunStateEvent(cancelling, flowRun, "CANCELLING", "Cancelling"));

            JsonNode frame = parse(socket.nextMessage());
            assertEquals("event", frame.path("type").asText());
            JsonNode event = frame.path("event");
            assertEquals(cancelling.toString(), event.path("id").asText());
            assertEquals("prefect.flow-run.Cancelling", event.path("event").asText());
            assertEquals("prefect.flow-run." + flowRun, event.path("resource").path("prefect.resource.id").asText());
            assertEquals("CANCELLING", event.path("resource").path("prefect.state-type").asText());
            assertTrue(event.path("received").isTextual(), frame.toString());
            assertTrue(event.path("occurred").isTextual(), frame.toString());
            assertEquals("flow", event.path("related").path(0).path("prefect.resource.role").asText());
        }
    }

    @Test
    void everyCriterionOfTheFilterIsAppliedToLiveEvents() throws Exception {
        UUID workspace = UUID.randomUUID();
        OffsetDateTime now = now();
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("names", "\"event\": {\"prefix\": [\"prefect.flow-run.\"], \"exclude_name\": [\"prefect.flow-run.Pending\"]}");
        filters.put("resourceLabels", "\"resource\": {\"labels\": {\"prefect.resource.id\": \"prefect.flow-run.*\","
                + " \"prefect.state-type\": [\"RUNNING\", \"COMPLETED\"]}}");
        filters.put("relatedInRole", "\"related\": {\"role\": [\"tag\"], \"id\": [\"prefect.tag.db\"]}");
        filters.put("anyResource", "\"any_resource\": [{\"id_prefix\": [\"prefect.work-pool.\"]}]");
        filters.put("relatedLabels", "\"related\": [{\"labels\": {\"prefect.resource.role\": \"flow\","
                + " \"prefect.resource.name\": \"etl*\"}}]");
        filters.put("text", "\"text\": {\"query\": \"timeout -ignored\"}");
        filters.put("emptyListsConstrainNothing", "\"event\": {\"name\": []}, \"id\": {\"id\": []}");
        Map<String, TestSocket> sockets = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> filter : filters.entrySet()) {
                sockets.put(filter.getKey(), subscribe(workspace, filterMessage(filter.getValue(), false)));
            }
            UUID pending = UUID.randomUUID();
            UUID taskRun = UUID.randomUUID();
            UUID running = UUID.randomUUID();
            UUID workPool = UUID.randomUUID();
            UUID deployment = UUID.randomUUID();
            UUID completed = UUID.randomUUID();
            String flowRun = "\"prefect.flow-run.%s\"".formatted(UUID.randomUUID());
            publish(workspace, pending, event(pending, "prefect.flow-run.Pending",
                    "{\"prefect.resource.id\": " + flowRun + ", \"prefect.state-type\": \"PENDING\"}",
                    "[{\"prefect.resource.id\": \"prefect.tag.db\", \"prefect.resource.role\": \"tag\"}]", "{}", now));
            publish(workspace, taskRun, event(taskRun, "prefect.task-run.Running",
                    "{\"prefect.resource.id\": \"prefect.task-run.1\", \"prefect.state-type\": \"RUNNING\"}",
                    "[{\"prefect.resource.id\": \"prefect.work-pool.1\", \"prefect.resource.role\": \"work-pool\"}]",
                    "{\"note\": \"timeout ignored\"}", now));
            publish(workspace, running, event(running, "prefect.flow-run.Running",
                    "{\"prefect.resource.id\": " + flowRun + ", \"prefect.state-type\": \"RUNNING\"}",
                    "[{\"prefect.resource.id\": \"prefect.flow.1\", \"prefect.resource.role\": \"flow\","
                            + " \"prefect.resource.name\": \"etl-nightly\"},"
                            + " {\"prefect.resource.id\": \"prefect.tag.db\", \"prefect.resource.role\": \"not-a-tag\"}]",
                    "{\"message\": \"Timeout reached\"}", now));
            publish(workspace, workPool, event(workPool, "prefect.work-pool.ready",
                    "{\"prefect.resource.id\": \"prefect.work-pool.2\"}", "[]", "{}", now));
            publish(workspace, deployment, event(deployment, "prefect.deployment.updated",
                    "{\"prefect.resource.id\": \"prefect.deployment.1\", \"prefect.resource.name\": \"etl-x\"}",
                    "[{\"prefect.resource.id\": \"prefect.flow.2\", \"prefect.resource.role\": \"flow\","
                            + " \"prefect.resource.name\": \"other\"}]", "{}", now));
            UUID elsewhere = UUID.randomUUID();
            publish(UUID.randomUUID(), elsewhere, event(elsewhere, "prefect.flow-run.Running",
                    "{\"prefect.resource.id\": " + flowRun + "}", "[]", "{}", now));
            publish(workspace, completed, event(completed, "prefect.flow-run.Completed",
                    "{\"prefect.resource.id\": " + flowRun + ", \"prefect.state-type\": \"COMPLETED\"}",
                    "[{\"prefect.resource.id\": \"prefect.tag.db\", \"prefect.resource.role\": \"tag\"},"
                            + " {\"prefect.resource.id\": \"prefect.work-pool.1\", \"prefect.resource.role\": \"work-pool\"},"
                            + " {\"prefect.resource.id\": \"prefect.flow.1\", \"prefect.resource.role\": \"flow\","
                            + " \"prefect.resource.name\": \"etl-main\"}]",
                    "{\"note\": \"timeout\"}", now));

            Map<String, List<String>> expected = new LinkedHashMap<>();
            expected.put("names", ids(running, completed));
            expected.put("resourceLabels", ids(running, completed));
            expected.put("relatedInRole", ids(pending, completed));
            expected.put("anyResource", ids(taskRun, workPool, completed));
            expected.put("relatedLabels", ids(running, completed));
            expected.put("text", ids(running, completed));
            expected.put("emptyListsConstrainNothing", ids(pending, taskRun, running, workPool, deployment, completed));
            for (Map.Entry<String, List<String>> each : expected.entrySet()) {
                assertEquals(each.getValue(), idsUntil(sockets.get(each.getKey()), completed), each.getKey());
            }
        } finally {
            sockets.values().forEach(TestSocket::close);
        }
    }

    private static List<String> ids(UUID... ids) {
        List<String> list = new ArrayList<>();
        for (UUID id : ids) {
            list.add(id.toString());
        }
        return list;
    }

    @Test
    void backfillSendsTheStoredMatchesOfTheLastFifteenMinutesOldestFirstThenLiveOnes() throws Exception {
        UUID workspace = UUID.randomUUID();
        OffsetDateTime now = now();
        UUID tooOld = UUID.randomUUID();
        UUID earlier = UUID.randomUUID();
        UUID later = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String resource = "{\"prefect.resource.id\": \"prefect.flow-run.1\"}";
        in(workspace).body("[" + String.join(",",
                event(tooOld, "test.backfill.one", resource, "[]", "{}", now.minusMinutes(20)),
                event(later, "test.backfill.two", resource, "[]", "{}", now.minusMinutes(1)),
                event(earlier, "test.backfill.three", resource, "[]", "{}", now.minusMinutes(2)),
                event(other, "test.other", resource, "[]", "{}", now.minusMinutes(1))) + "]")
                .post("/events").then().statusCode(204);

        UUID sentinel = UUID.randomUUID();
        try (TestSocket socket = subscribe(workspace,
                filterMessage("\"event\": {\"prefix\": [\"test.backfill.\"]}", true))) {
            publish(workspace, sentinel, event(sentinel, "test.backfill.live", resource, "[]", "{}", now()));
            assertEquals(ids(earlier, later, sentinel), idsUntil(socket, sentinel));
        }
    }

    @Test
    void withoutBackfillOnlyNewEventsAreSent() throws Exception {
        UUID workspace = UUID.randomUUID();
        String resource = "{\"prefect.resource.id\": \"prefect.flow-run.1\"}";
        UUID stored = UUID.randomUUID();
        // A probe that sees the stored event arrive live proves this replica's reader is past it on the topic.
        try (TestSocket probe = subscribe(workspace,
                filterMessage("\"id\": {\"id\": [\"" + stored + "\"]}", false))) {
            in(workspace).body("[" + event(stored, "test.stored", resource, "[]", "{}", now()) + "]")
                    .post("/events").then().statusCode(204);
            assertEquals(stored.toString(), eventId(probe.nextMessage()));
        }
        StreamTesting.awaitCount(() -> stream.subscribers(workspace), 0);
        UUID sentinel = UUID.randomUUID();
        try (TestSocket socket = subscribe(workspace, filterMessage("", false))) {
            publish(workspace, sentinel, event(sentinel, "test.live", resource, "[]", "{}", now()));
            assertEquals(ids(sentinel), idsUntil(socket, sentinel));
        }
        StreamTesting.awaitCount(() -> stream.subscribers(workspace), 0);
        try (TestSocket socket = subscribe(workspace, filterMessage("", true))) {
            assertEquals(ids(stored, sentinel), idsUntil(socket, sentinel), "the same subscription with backfill");
        }
    }

    @Test
    void anEventReceivedByThisServiceIsStreamedThroughTheTopic() throws Exception {
        UUID workspace = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        try (TestSocket socket = subscribe(workspace, filterMessage("\"event\": {\"name\": [\"test.posted\"]}", false))) {
            in(workspace).body("[" + event(id, "test.posted", "{\"prefect.resource.id\": \"prefect.flow-run.1\"}",
                    "[]", "{\"answer\": 42}", now()) + "]").post("/events").then().statusCode(204);
            JsonNode event = parse(socket.nextMessage()).path("event");
            assertEquals(id.toString(), event.path("id").asText());
            assertEquals(42, event.path("payload").path("answer").asInt());
        }
    }

    @Test
    void aRecordPublishedTwiceIsSentOnce() throws Exception {
        UUID workspace = UUID.randomUUID();
        String resource = "{\"prefect.resource.id\": \"prefect.flow-run.1\"}";
        UUID twice = UUID.randomUUID();
        UUID sentinel = UUID.randomUUID();
        try (TestSocket socket = subscribe(workspace, filterMessage("", false))) {
            String event = event(twice, "test.twice", resource, "[]", "{}", now());
            publish(workspace, twice, event);
            publish(workspace, twice, event);
            publish(workspace, sentinel, event(sentinel, "test.sentinel", resource, "[]", "{}", now()));
            assertEquals(ids(twice, sentinel), idsUntil(socket, sentinel));
        }
    }

    @Test
    void aSubscriberThatDoesNotReadIsDisconnectedInsteadOfBuffered() throws Exception {
        UUID workspace = UUID.randomUUID();
        WebSocketClientOptions slowClient = new WebSocketClientOptions(LARGE_FRAMES).setReceiveBufferSize(4096);
        TestSocket socket = TestSocket.connect(vertx, slowClient, url.getPort(), PATH, workspace, true);
        try {
            socket.ping();
            socket.authenticate(null);
            socket.send(filterMessage("", false));
            StreamTesting.awaitCount(() -> stream.subscribers(workspace), 1);
            socket.pause();
            // 40 events of 200 kB: far more than TCP buffers and the subscriber's bound (256 kB in tests) hold.
            String padding = "x".repeat(200_000);
            int published = 40;
            for (int i = 0; i < published; i++) {
                UUID id = UUID.randomUUID();
                publish(workspace, id, event(id, "test.big", "{\"prefect.resource.id\": \"prefect.flow-run.1\"}",
                        "[]", "{\"padding\": \"" + padding + "\"}", now()));
            }
            StreamTesting.awaitCount(() -> stream.subscribers(workspace), 0);
            socket.resume();
            assertEquals(1013, socket.awaitClose());
            long events = socket.drain().stream().filter(message -> message.startsWith("{\"type\":\"event\"")).count();
            assertTrue(events < published, events + " of " + published + " events were sent");
        } finally {
            socket.close();
        }
    }

    @Test
    void theBoundDoesNotCloseASubscriberThatKeepsUp() throws Exception {
        UUID workspace = UUID.randomUUID();
        String padding = "x".repeat(100_000);
        try (TestSocket socket = TestSocket.connect(vertx, LARGE_FRAMES, url.getPort(), PATH, workspace, true)) {
            socket.authenticate(null);
            socket.send(filterMessage("", false));
            StreamTesting.awaitCount(() -> stream.subscribers(workspace), 1);
            for (int i = 0; i < 10; i++) {
                UUID last = UUID.randomUUID();
                publish(workspace, last, event(last, "test.big", "{\"prefect.resource.id\": \"prefect.flow-run.1\"}",
                        "[]", "{\"padding\": \"" + padding + "\"}", now()));
                assertEquals(last.toString(), eventId(socket.nextMessage()));
            }
            assertEquals(1, stream.subscribers(workspace));
        }
    }
}
