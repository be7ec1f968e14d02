package dev.praetor.eventsservice.sockets;

import static dev.praetor.eventsservice.Requests.event;
import static dev.praetor.eventsservice.Requests.in;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.eventsservice.EventsTestProfile;
import dev.praetor.eventsservice.TestSocket;
import dev.praetor.eventsservice.TopicReader;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(EventsTestProfile.class)
class EventsInSocketTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URL url;

    private TestSocket connect(UUID workspace, boolean offerPrefect) throws Exception {
        return TestSocket.connect(vertx, url.getPort(), "/events/in", workspace, offerPrefect);
    }

    /** Polls the store until the event with this id is there (or gives up) and returns how many match. */
    private static int storedCount(UUID workspace, UUID id) throws InterruptedException {
        String body = "{\"filter\": {\"id\": {\"id\": [\"" + id + "\"]}}}";
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int total = 0;
        while (System.nanoTime() < deadline) {
            total = in(workspace).body(body).post("/events/filter").then().statusCode(200).extract().path("total");
            if (total > 0) {
                return total;
            }
            Thread.sleep(50);
        }
        return total;
    }

    @Test
    void handshakeSelectsThePrefectSubprotocolAnswersPingsAndAuthSuccess() throws Exception {
        try (TestSocket socket = connect(UUID.randomUUID(), true)) {
            assertEquals("prefect", socket.subProtocol());
            socket.ping();
            assertEquals("{\"type\":\"auth_success\"}", socket.authenticate(null));
        }
    }

    @Test
    void anyTokenIsAcceptedWhenNoAuthStringIsConfigured() throws Exception {
        try (TestSocket socket = connect(UUID.randomUUID(), true)) {
            assertEquals("auth_success", JSON.readTree(socket.authenticate("user:pass")).get("type").asText());
        }
    }

    @Test
    void aFirstMessageOtherThanAuthClosesWithPolicyViolation() throws Exception {
        try (TestSocket socket = connect(UUID.randomUUID(), true)) {
            socket.send(event(UUID.randomUUID(), "prefect.task-run.Running"));
            assertEquals(1008, socket.awaitClose());
            assertEquals("Expected 'auth' message", socket.closeReason());
        }
    }

    @Test
    void eventsAfterTheHandshakeAreStoredWithReceivedSet() throws Exception {
        UUID workspace = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        try (TestSocket socket = connect(workspace, true)) {
            socket.authenticate(null);
            socket.send(event(id, "prefect.task-run.Running"));
            socket.ping();
        }
        assertEquals(1, storedCount(workspace, id));
        in(workspace).body("{\"filter\": {\"id\": {\"id\": [\"" + id + "\"]}}}").post("/events/filter").then()
                .statusCode(200)
                .body("events[0].event", equalTo("prefect.task-run.Running"))
                .body("events[0].related[0].'prefect.resource.role'", equalTo("flow-run"))
                .body("events[0].payload.intended.to", equalTo("RUNNING"));
    }

    @Test
    void anEventSentTwiceIsStoredAndPublishedOnce() throws Exception {
        UUID workspace = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        String message = event(id, "prefect.task-run.Completed");
        try (TestSocket socket = connect(workspace, true)) {
            socket.authenticate(null);
            socket.send(message);
            socket.send(message);
        }
        // A reconnecting client re-sends its unacknowledged events.
        try (TestSocket socket = connect(workspace, true)) {
            socket.authenticate(null);
            socket.send(message);
            socket.ping();
        }
        assertEquals(1, storedCount(workspace, id));

        List<ConsumerRecord<String, byte[]>> published = TopicReader.recordsWithKey("events", id.toString(),
                records -> records.size() > 1, Duration.ofSeconds(5));
        assertEquals(1, published.size());
        JsonNode value = JSON.readTree(published.get(0).value());
        assertEquals(workspace.toString(), value.get("workspace_id").asText());
        assertEquals(1, value.get("version").asLong());
        assertEquals(id.toString(), value.get("data").get("id").asText());
        assertFalse(value.get("data").get("received").asText().isEmpty());
    }

    @Test
    void theSameEventIdInAnotherWorkspaceIsAnotherEvent() throws Exception {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        for (UUID workspace : List.of(first, second)) {
            try (TestSocket socket = connect(workspace, true)) {
                socket.authenticate(null);
                socket.send(event(id, "prefect.task-run.Pending"));
                socket.ping();
            }
        }
        assertEquals(1, storedCount(first, id));
        assertEquals(1, storedCount(second, id));
    }

    @Test
    void anInvalidEventIsSkippedAndTheSocketStaysOpen() throws Exception {
        UUID workspace = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        try (TestSocket socket = connect(workspace, true)) {
            socket.authenticate(null);
            socket.send("{\"event\": \"no.resource\", \"id\": \"" + UUID.randomUUID() + "\"}");
            socket.send("not json");
            socket.send(event(id, "prefect.task-run.Running"));
            socket.ping();
            assertFalse(socket.isClosed());
        }
        assertEquals(1, storedCount(workspace, id));
    }

    @Test
    void aClientWithoutTheSubprotocolIsAcceptedInLegacyModeWithoutAuth() throws Exception {
        UUID workspace = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        try (TestSocket socket = connect(workspace, false)) {
            assertNull(socket.subProtocol());
            socket.send(event(id, "prefect.task-run.Running"));
            socket.ping();
        }
        assertEquals(1, storedCount(workspace, id));
    }

    @Test
    void anUpgradeWithoutWorkspaceIsRefused() {
        ExecutionException failure = assertThrows(ExecutionException.class, () -> vertx.createWebSocketClient()
                .connect(url.getPort(), "127.0.0.1", "/events/in").toCompletionStage().toCompletableFuture().get());
        assertEquals(400, ((UpgradeRejectedException) failure.getCause()).getStatus());
    }
}
