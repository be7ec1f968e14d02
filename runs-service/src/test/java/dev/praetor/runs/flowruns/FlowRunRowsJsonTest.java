package dev.praetor.runs.flowruns;

import static dev.praetor.runs.Api.createFlowRun;
import static dev.praetor.runs.Api.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.runs.RunsTestProfile;
import dev.praetor.runs.states.StoredJson;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link FlowRunRowsJson} (the list routes' row → JSON path) against the entity → {@link FlowRunResponse} → Jackson
 * path it replaces: the same bytes for the same rows, whatever the stored JSON holds.
 */
@QuarkusTest
@TestProfile(RunsTestProfile.class)
class FlowRunRowsJsonTest {
    private static final String EXOTIC_PARAMETERS = "{\"émoji\": \"🚀 café \\u0001 ctl\", \"nested\": {\"a\": [1, 2.5, "
            + "-0.0, 1e-5, 10000000.0, 1.0E20, 123456789012345678901234567890, -7], \"b\": null, \"c\": true, \"d\": false, "
            + "\"\": \"empty key\"}, \"tab\": \"a\\tb\\nc\\\"d\\\\e/f\\r\\b\\f\", \"zz\": \"\\u2028 日本語\", \"list\": [[], {}, [{}]]}";
    private static final String PLAIN_PARAMETERS = "{\"émoji\": \"🚀 café\", \"nested\": {\"a\": [1, 22, -7, "
            + "123456789012345678901234567890], \"b\": null, \"c\": true, \"\": \"empty key\"}, \"tab\": \"a\\tb\\nc\\\"d\\\\e/f\", "
            + "\"ü\": {\"deeper\": [{\"x\": \"y z\"}, [], {}]}}";

    private final UUID ws = UUID.randomUUID();

    @Inject
    FlowRunRepository repository;

    @Inject
    FlowRunRowsJson rowsJson;

    @Inject
    ObjectMapper mapper;

    @Test
    void writesTheBytesJacksonWritesForTheSameRuns() throws Exception {
        createFlowRun(ws, "\"name\": \"exotic\", \"parameters\": " + EXOTIC_PARAMETERS + ", \"tags\": [\"x\", \"ü\"], "
                + "\"labels\": {\"k\": \"v\", \"n\": 3, \"f\": 0.1}, \"context\": {\"deep\": {\"deeper\": [{\"x\": \"y\"}]}}, "
                + "\"empirical_policy\": {\"retries\": 3, \"retry_delay\": 10, \"pause_keys\": [\"a\"]}, "
                + "\"state\": {\"type\": \"COMPLETED\", \"data\": {\"type\": \"unpersisted\"}, \"message\": \"done ✓\"}");
        createFlowRun(ws, "\"name\": \"plain\", \"parameters\": " + PLAIN_PARAMETERS + ", \"idempotency_key\": \"idem-ü\", "
                + "\"state\": {\"type\": \"FAILED\", \"data\": [1, \"two\", {\"three\": 3.0}], \"state_details\": "
                + "{\"cache_key\": \"ck\", \"cache_expiration\": \"2030-01-01T00:00:00+02:00\", \"retriable\": true, \"unknown\": 1}}");
        createFlowRun(ws, "\"name\": \"string-data\", \"state\": {\"type\": \"CANCELLED\", \"data\": \"just a string\"}");
        createFlowRun(ws, "\"name\": \"result\", \"state\": {\"type\": \"COMPLETED\", \"data\": {\"storage_key\": \"s3://x\", "
                + "\"type\": \"literal\", \"serializer\": {\"type\": \"json\"}}}");
        createFlowRun(ws, "\"name\": \"running\", \"state\": {\"type\": \"RUNNING\"}");
        createFlowRun(ws, "\"name\": \"late\", \"state\": {\"type\": \"SCHEDULED\", \"state_details\": "
                + "{\"scheduled_time\": \"2020-01-01T00:00:00.5Z\"}}");
        createFlowRun(ws, "");
        createFlowRun(ws, "\"name\": \"details\", \"state\": {\"type\": \"PAUSED\", \"state_details\": {\"pause_key\": \"p 🚀\", "
                + "\"pause_timeout\": \"2031-01-01T00:00:00.25+05:30\", \"run_input_keyset\": {\"a\": \"b\"}, \"traceparent\": \"t\", "
                + "\"cache_key\": \"ü\\u0001\"}}");
        createFlowRun(ws, "\"name\": \"details-2\", \"state\": {\"type\": \"COMPLETED\", \"state_details\": {\"cache_key\": "
                + "\"k 🚀\", \"cache_expiration\": \"2031-01-01 00:00:00\", \"refresh_cache\": false, \"untrackable_result\": true}}");

        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(5).truncatedTo(ChronoUnit.MICROS);
        FlowRunReadRequest all = new FlowRunReadRequest(null, null, null, null, null, null, FlowRunSort.NAME_ASC, null,
                null, null);
        RowSet<Row> rows = repository.filterRows(ws, all, 200, 0).await().indefinitely();
        assertEquals(9, rows.size());

        List<FlowRunResponse> responses = new ArrayList<>();
        repository.all(rows).forEach(run -> responses.add(FlowRunResponse.of(run, now)));
        // bytes, as the route wrote them (Jackson's UTF-8 output differs from its String output)
        String expected = new String(mapper.writeValueAsBytes(responses), StandardCharsets.UTF_8);
        String actual = new String(rowsJson.write(rows, now), StandardCharsets.UTF_8);
        assertEquals(expected, actual);

        // and the stored JSON reads back as what was sent (in meaning; the answer is compact)
        JsonNode plain = null;
        for (JsonNode run : mapper.readTree(actual)) {
            if (run.get("name").asText().equals("plain")) {
                plain = run;
            }
        }
        assertNotNull(plain);
        assertEquals(mapper.readTree(PLAIN_PARAMETERS), plain.get("parameters"));
    }

    @Test
    void theRouteAnswersTheRowsJson() throws Exception {
        String id = createFlowRun(ws, "\"parameters\": " + PLAIN_PARAMETERS + ", \"state\": {\"type\": \"COMPLETED\"}");
        String body = in(ws).body("{}").post("/flow_runs/filter").then().statusCode(200)
                .contentType("application/json").extract().asString();
        JsonNode runs = mapper.readTree(body);
        assertEquals(1, runs.size());
        assertEquals(id, runs.get(0).get("id").asText());
        assertEquals(mapper.readTree(PLAIN_PARAMETERS), runs.get(0).get("parameters"));
        String single = in(ws).get("/flow_runs/" + id).then().statusCode(200).extract().asString();
        assertEquals(mapper.readTree(single), runs.get(0));
    }

    @Test
    void storedStateDetailsAreWrittenAsTheRecordWritesThem() throws Exception {
        String id = "\"" + UUID.randomUUID() + "\"";
        List<String> copied = List.of("{}", "{\"flow_run_id\": " + id + "}",
                "{\"flow_run_id\": " + id + ", \"transition_id\": " + id + ", \"scheduled_time\": \"2030-01-01T00:00:00+02:00\", "
                        + "\"cache_key\": \"k 🚀 ü \\\"q\\\" \\n\", \"deferred\": true, \"retriable\": false, \"refresh_cache\": null, "
                        + "\"pause_timeout\": \"2031-02-03 04:05:06.7\", \"cache_expiration\": \"2031-02-03T04:05:06.123456789Z\", "
                        + "\"traceparent\": \"00-abc-01\", \"unknown\": {\"x\": [1, 2.5]}, \"pause_reschedule\": false}",
                mapper.writeValueAsString(dev.praetor.runs.states.StateDetails.builder()
                        .scheduledTime(OffsetDateTime.parse("2026-11-30T12:00:00.000001Z")).build()));
        List<String> bound = List.of("{\"flow_run_id\": \"" + UUID.randomUUID().toString().toUpperCase() + "\"}",
                "{\"run_input_keyset\": {\"a\": \"b\"}}", "{\"deferred\": \"yes\"}", "{\"cache_key\": \"\\u0001\"}");
        for (String sent : concat(copied, bound)) {
            String stored = repository.pool().preparedQuery("SELECT $1::text::jsonb::text").execute(Tuple.of(sent))
                    .await().indefinitely().iterator().next().getString(0);
            String expected;
            try {
                expected = new String(mapper.writeValueAsBytes(mapper.readValue(stored,
                        dev.praetor.runs.states.StateDetails.class)), StandardCharsets.UTF_8);
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                expected = null;
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            boolean written;
            try (com.fasterxml.jackson.core.JsonGenerator gen = mapper.getFactory().createGenerator(out)) {
                written = dev.praetor.runs.states.StoredStateDetails.write(gen, stored);
            }
            assertEquals(copied.contains(sent), written, stored);
            if (written) {
                assertEquals(expected, out.toString(StandardCharsets.UTF_8), stored);
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void storedJsonIsCompactedExactlyAsJacksonWouldRewriteIt() throws Exception {
        // the text as PostgreSQL prints jsonb
        for (String sent : List.of(PLAIN_PARAMETERS, "{}", "[]", "[[], {}]", "\"x\"", "-12", "true", "null",
                "{\"a\": \"{ \\\"b\\\": [1, 2] }\"}")) {
            String stored = repository.pool().preparedQuery("SELECT $1::text::jsonb::text").execute(Tuple.of(sent))
                    .await().indefinitely().iterator().next().getString(0);
            String compact = StoredJson.compact(stored);
            assertNotNull(compact, stored);
            assertEquals(new String(mapper.writeValueAsBytes(mapper.readTree(stored)), StandardCharsets.UTF_8), compact, stored);
        }
        // numbers Jackson rewrites through double, and \\u escapes: the slow path
        assertNull(StoredJson.compact("{\"a\": 1.5}"));
        assertNull(StoredJson.compact("[1e5]"));
        assertNull(StoredJson.compact("{\"a\": \"\\u0001\"}"));
    }
}
