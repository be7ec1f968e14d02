package dev.praetor.runs.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.rest.errors.RequestValidationException;
import dev.praetor.rest.filters.StateType;
import dev.praetor.rest.json.PrefectBodyReader;
import dev.praetor.rest.json.PrefectJsonModule;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** States and orchestration results read and write JSON exactly as states-and-orchestration.md §1–§2 describe. */
class StateJsonTest {
    private static final ObjectMapper MAPPER = PrefectJsonModule.configure(new ObjectMapper().findAndRegisterModules());
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 123_456_000, ZoneOffset.UTC);

    private static SetStateRequest read(String json) {
        return PrefectBodyReader.read(MAPPER, SetStateRequest.class, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void proposalGetsANewIdTheServerTimeAndItsTypesName() {
        State state = read("{\"state\": {\"type\": \"CANCELLING\", \"state_details\": {\"transition_id\": \""
                + UUID.randomUUID() + "\", \"some_future_key\": 1}}, \"force\": false, \"extra\": 1}").state().toState(NOW);
        assertEquals("Cancelling", state.name());
        assertEquals(NOW, state.timestamp());
        assertFalse(state.state_details().pause_reschedule());
    }

    @Test
    void scheduledProposalWithoutATimeIsScheduledNow() {
        State state = read("{\"state\": {\"type\": \"SCHEDULED\"}}").state().toState(NOW);
        assertEquals(NOW, state.state_details().scheduled_time());
    }

    @Test
    void clientChosenIdOrTimestampIsRejected() {
        RequestValidationException e = assertThrows(RequestValidationException.class,
                () -> read("{\"state\": {\"type\": \"RUNNING\", \"id\": \"" + UUID.randomUUID() + "\"}}"));
        assertEquals("extra_forbidden", e.errors().get(0).type());
        assertEquals(List.of("body", "state", "id"), e.errors().get(0).loc());
    }

    @Test
    void missingTypeIsRequired() {
        RequestValidationException e = assertThrows(RequestValidationException.class, () -> read("{\"state\": {}}"));
        assertEquals(List.of("body", "state", "type"), e.errors().get(0).loc());
    }

    @Test
    void stateIsWrittenWithEveryFieldIncludingNulls() {
        JsonNode json = MAPPER.valueToTree(State.of(StateType.RUNNING, null, null, NOW));
        assertEquals(List.of("id", "type", "name", "timestamp", "message", "data", "state_details"), fieldNames(json));
        assertEquals("2026-01-02T03:04:05.123456Z", json.get("timestamp").asText());
        assertTrue(json.get("data").isNull());
        assertEquals(18, json.get("state_details").size());
    }

    @Test
    void waitDetailsCarryAnIntegerDelay() {
        JsonNode json = MAPPER.valueToTree(new OrchestrationResult(null, SetStateStatus.WAIT,
                new StateResponseDetails.Wait(30, "Scheduled time is in the future")));
        assertEquals("wait_details", json.get("details").get("type").asText());
        assertTrue(json.get("details").get("delay_seconds").isInt());
        assertEquals("WAIT", json.get("status").asText());
        assertEquals("accept_details", MAPPER.valueToTree(new StateResponseDetails.Accept()).get("type").asText());
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
