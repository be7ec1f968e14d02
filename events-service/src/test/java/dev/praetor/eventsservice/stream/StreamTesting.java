package dev.praetor.eventsservice.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.eventsservice.TestSocket;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.IntSupplier;

/** Subscribing as Prefect's clients do, and events shaped as the services publish them. */
final class StreamTesting {
    static final ObjectMapper JSON = new ObjectMapper();

    private StreamTesting() {
    }

    /** Handshake (ping, auth), then the filter message; returns once this replica counts the subscriber. */
    static TestSocket subscribe(Vertx vertx, int port, String path, UUID workspace, String filterMessage,
            IntSupplier subscribers) throws Exception {
        int before = subscribers.getAsInt();
        TestSocket socket = TestSocket.connect(vertx, port, path, workspace, true);
        socket.ping();
        assertEquals("{\"type\":\"auth_success\"}", socket.authenticate(null));
        socket.send(filterMessage);
        awaitCount(subscribers, before + 1);
        return socket;
    }

    /** Polls until {@code count} reaches {@code expected} (or a deadline passes; the caller's assertions then fail). */
    static void awaitCount(IntSupplier count, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (count.getAsInt() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(expected, count.getAsInt());
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /** The filter message of Prefect's cancellation watcher (FlowRunCancellingObserver), every key present. */
    static String cancellationFilter() {
        OffsetDateTime now = now();
        return """
                {"type": "filter", "filter": {"occurred": {"since": "%s", "until": "%s"},
                 "event": {"prefix": null, "exclude_prefix": null, "name": ["prefect.flow-run.Cancelling"],
                           "exclude_name": null},
                 "resource": null, "related": null, "any_resource": null, "id": {"id": []}, "text": null,
                 "order": "DESC"}}""".formatted(now.minusMinutes(1), now.plusDays(365));
    }

    /** A filter message whose window covers the last hour to next year, with these extra criteria. */
    static String filterMessage(String criteria, boolean backfill) {
        OffsetDateTime now = now();
        return """
                {"type": "filter", "backfill": %s,
                 "filter": {"occurred": {"since": "%s", "until": "%s"}%s}}""".formatted(backfill, now.minusHours(1),
                now.plusDays(365), criteria.isEmpty() ? "" : ", " + criteria);
    }

    /**
     * A flow-run state-change event exactly as runs-service publishes it on {@code events}
     * ({@code FlowRunStateChangeEvent}: no {@code received}, state labels on the resource).
     */
    static String flowRunStateEvent(UUID id, UUID flowRunId, String stateType, String stateName) {
        OffsetDateTime occurred = now();
        return """
                {"id": "%s", "occurred": "%s", "event": "prefect.flow-run.%s",
                 "resource": {"prefect.resource.id": "prefect.flow-run.%s", "prefect.resource.name": "crimson-otter",
                              "prefect.run-count": "1", "prefect.state-message": "", "prefect.state-name": "%s",
                              "prefect.state-timestamp": "%s", "prefect.state-type": "%s"},
                 "related": [{"prefect.resource.id": "prefect.flow.%s", "prefect.resource.role": "flow"},
                             {"prefect.resource.id": "prefect.deployment.%s", "prefect.resource.role": "deployment"},
                             {"prefect.resource.id": "prefect.work-queue.%s", "prefect.resource.role": "work-queue",
                              "prefect.resource.name": "default"}],
                 "payload": {"intended": {"from": "RUNNING", "to": "%s"},
                             "initial_state": {"type": "RUNNING", "name": "Running"},
                             "validated_state": {"type": "%s", "name": "%s"}},
                 "follows": null}""".formatted(id, occurred, stateName, flowRunId, stateName, occurred, stateType,
                UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), stateType, stateType, stateName);
    }

    /** A client event with this name, resource labels, related resources and payload (JSON fragments). */
    static String event(UUID id, String name, String resource, String related, String payload,
            OffsetDateTime occurred) {
        return """
                {"id": "%s", "occurred": "%s", "event": "%s", "resource": %s, "related": %s, "payload": %s,
                 "follows": null}""".formatted(id, occurred, name, resource, related, payload);
    }

    static JsonNode parse(String message) throws Exception {
        return JSON.readTree(message);
    }

    /** The id of the event an {@code /events/out} frame carries (and checks the frame's type). */
    static String eventId(String message) throws Exception {
        JsonNode frame = parse(message);
        assertEquals("event", frame.path("type").asText(), message);
        return frame.path("event").path("id").asText();
    }
}
