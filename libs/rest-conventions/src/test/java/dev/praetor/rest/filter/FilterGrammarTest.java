package dev.praetor.rest.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.infra.EmbeddedPostgresServer;
import dev.praetor.rest.errors.PrefectHttpException;
import dev.praetor.rest.errors.RequestValidationException;
import dev.praetor.rest.filters.FlowRunFilter;
import dev.praetor.rest.filters.TaskRunFilter;
import dev.praetor.rest.filters.WorkQueueFilter;
import dev.praetor.rest.json.PrefectBody;
import dev.praetor.rest.json.PrefectBodyReader;
import dev.praetor.rest.json.PrefectJsonModule;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Prefect's filter grammar, operator by operator, compiled to SQL and run against a real PostgreSQL. Rows are named
 * so that each assertion reads as "these rows match".
 */
class FilterGrammarTest {
    private static final ObjectMapper MAPPER = PrefectJsonModule.configure(new ObjectMapper());
    private static EmbeddedPostgresServer postgres;
    private static Vertx vertx;
    private static Pool pool;

    /** A top-level body with the run filters, as the routes embed them. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Body(FlowRunFilter flow_runs, TaskRunFilter task_runs, WorkQueueFilter work_queues) implements PrefectBody {
    }

    @BeforeAll
    static void startDatabase() throws Exception {
        postgres = EmbeddedPostgresServer.start(Files.createTempDirectory("grammar-pg"), 0);
        postgres.createDatabaseIfMissing("grammar");
        vertx = Vertx.vertx();
        PgConnectOptions connect = PgConnectOptions.fromUri(postgres.reactiveUrl("grammar"))
                .setUser(postgres.username()).setPassword(postgres.password());
        pool = Pool.newInstance(io.vertx.pgclient.PgBuilder.pool().connectingTo(connect)
                .with(new PoolOptions().setMaxSize(2)).using(vertx.getDelegate()).build());
        pool.query("""
                CREATE TABLE run (
                  id uuid PRIMARY KEY, name text, tags text[] NOT NULL DEFAULT '{}', state_type text, state_name text,
                  start_time timestamptz, expected_start_time timestamptz, end_time timestamptz,
                  next_scheduled_start_time timestamptz, deployment_id uuid, work_queue_name text, flow_version text,
                  parent_task_run_id uuid, idempotency_key text, created_by jsonb, flow_run_id uuid)""")
                .execute().await().indefinitely();
        pool.query("""
                INSERT INTO run VALUES
                ('00000000-0000-0000-0000-00000000000a', 'alpha', '{db,etl}', 'COMPLETED', 'Completed',
                 '2025-01-01T10:00:00Z', '2025-01-01T09:00:00Z', '2025-01-01T11:00:00Z', NULL,
                 '00000000-0000-0000-0000-0000000000d1', 'default', '1.0', NULL, 'key-a',
                 '{"id": "00000000-0000-0000-0000-0000000000c1", "type": "AUTOMATION"}', '00000000-0000-0000-0000-0000000000f1'),
                ('00000000-0000-0000-0000-00000000000b', 'Beta_run', '{db}', 'FAILED', 'Failed',
                 NULL, '2025-01-02T09:00:00Z', NULL, '2025-01-02T09:00:00Z',
                 NULL, 'high', '2.0', '00000000-0000-0000-0000-0000000000e1', NULL, NULL, NULL),
                ('00000000-0000-0000-0000-00000000000c', 'gamma', '{}', NULL, NULL,
                 '2025-01-03T10:00:00Z', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'key-c',
                 '{"type": "SCHEDULE"}', '00000000-0000-0000-0000-0000000000f2')""").execute().await().indefinitely();
    }

    @AfterAll
    static void stopDatabase() {
        pool.closeAndAwait();
        vertx.closeAndAwait();
        postgres.close();
    }

    private static List<String> runs(String flowRunFilterJson) {
        Body body = PrefectBodyReader.read(MAPPER, Body.class,
                ("{\"flow_runs\": " + flowRunFilterJson + "}").getBytes(StandardCharsets.UTF_8));
        return select(body.flow_runs());
    }

    private static List<String> taskRuns(String taskRunFilterJson) {
        Body body = PrefectBodyReader.read(MAPPER, Body.class,
                ("{\"task_runs\": " + taskRunFilterJson + "}").getBytes(StandardCharsets.UTF_8));
        return select(body.task_runs());
    }

    private static List<String> select(Criterion criterion) {
        SqlParams params = new SqlParams();
        Conditions where = Conditions.all(params, Relations.NONE).nested(criterion, "r");
        List<String> names = new ArrayList<>();
        for (Row row : pool.preparedQuery("SELECT r.name FROM run r WHERE " + where.toSql() + " ORDER BY r.name")
                .execute(params.tuple()).await().indefinitely()) {
            names.add(row.getString(0));
        }
        return names;
    }

    @Test
    void nullCriterionAddsNoCondition() {
        assertEquals(List.of("Beta_run", "alpha", "gamma"), runs("null"));
        assertEquals(List.of("Beta_run", "alpha", "gamma"), runs("{\"id\": null, \"name\": null, \"operator\": \"and_\"}"));
    }

    @Test
    void anyMatchesListedValuesAndEmptyListMatchesNothing() {
        assertEquals(List.of("alpha"), runs("{\"id\": {\"any_\": [\"00000000-0000-0000-0000-00000000000a\"]}}"));
        assertEquals(List.of(), runs("{\"id\": {\"any_\": []}}"));
        assertEquals(List.of("alpha"), runs("{\"name\": {\"any_\": [\"alpha\", \"nope\"]}}"));
    }

    @Test
    void anyAcceptsLenientUuidSpellings() {
        assertEquals(List.of("alpha"), runs("{\"id\": {\"any_\": [\"0000000000000000000000000000000A\"]}}"));
        assertEquals(List.of("alpha"), runs("{\"id\": {\"any_\": [\"urn:uuid:00000000-0000-0000-0000-00000000000A\"]}}"));
    }

    @Test
    void notAnyExcludesListedValuesAndNullsButEmptyListAddsNothing() {
        assertEquals(List.of("Beta_run", "gamma"), runs("{\"id\": {\"not_any_\": [\"00000000-0000-0000-0000-00000000000a\"]}}"));
        assertEquals(List.of("Beta_run"), runs("{\"state\": {\"type\": {\"not_any_\": [\"COMPLETED\"]}}}"));
        assertEquals(List.of("Beta_run", "alpha", "gamma"), runs("{\"id\": {\"not_any_\": []}}"));
    }

    @Test
    void likeIsCaseInsensitiveSubstringWithUnescapedWildcards() {
        assertEquals(List.of("Beta_run"), runs("{\"name\": {\"like_\": \"BETA\"}}"));
        assertEquals(List.of("alpha"), runs("{\"name\": {\"like_\": \"%L_H\"}}"));
        assertEquals(List.of("Beta_run", "alpha", "gamma"), runs("{\"name\": {\"like_\": \"\"}}"));
    }

    @Test
    void valuesAreBoundAsParametersNeverAsSql() {
        assertEquals(List.of(), runs("{\"name\": {\"any_\": [\"x' OR '1'='1\"]}}"));
        assertEquals(List.of(), runs("{\"name\": {\"like_\": \"'; DROP TABLE run; --\"}}"));
        assertEquals(3, runs("null").size());
    }

    @Test
    void tagsAllAnyAndIsNull() {
        assertEquals(List.of("alpha"), runs("{\"tags\": {\"all_\": [\"db\", \"etl\"]}}"));
        assertEquals(List.of("Beta_run", "alpha", "gamma"), runs("{\"tags\": {\"all_\": []}}"));
        assertEquals(List.of("alpha"), runs("{\"tags\": {\"any_\": [\"etl\", \"zzz\"]}}"));
        assertEquals(List.of(), runs("{\"tags\": {\"any_\": []}}"));
        assertEquals(List.of("gamma"), runs("{\"tags\": {\"is_null_\": true}}"));
        assertEquals(List.of("Beta_run", "alpha"), runs("{\"tags\": {\"is_null_\": false}}"));
        assertEquals(List.of("alpha", "gamma"), runs("{\"tags\": {\"operator\": \"or_\", \"all_\": [\"etl\"], \"is_null_\": true}}"));
    }

    @Test
    void isNullTestsTheColumn() {
        assertEquals(List.of("Beta_run", "gamma"), runs("{\"deployment_id\": {\"is_null_\": true}}"));
        assertEquals(List.of("alpha"), runs("{\"deployment_id\": {\"is_null_\": false}}"));
        assertEquals(List.of("Beta_run"), runs("{\"start_time\": {\"is_null_\": true}}"));
    }

    @Test
    void beforeAndAfterAreInclusiveAndStartTimeFallsBackToExpectedStart() {
        assertEquals(List.of("alpha"), runs("{\"end_time\": {\"before_\": \"2025-01-01T11:00:00Z\"}}"));
        assertEquals(List.of("alpha"), runs("{\"end_time\": {\"after_\": \"2025-01-01 11:00:00\"}}"));
        // Beta_run has not started: its expected start counts.
        assertEquals(List.of("Beta_run", "gamma"), runs("{\"start_time\": {\"after_\": \"2025-01-02T09:00:00+00:00\"}}"));
        assertEquals(List.of("Beta_run"), runs("{\"expected_start_time\": {\"after_\": \"2025-01-02\"}}"));
        assertEquals(List.of("Beta_run"), runs("{\"next_scheduled_start_time\": {\"before_\": \"2025-01-02T04:00:00-05:00\"}}"));
    }

    @Test
    void operatorOrCombinesConditionsOfOneObject() {
        assertEquals(List.of("Beta_run", "alpha"),
                runs("{\"operator\": \"or_\", \"name\": {\"any_\": [\"alpha\"]}, \"state\": {\"type\": {\"any_\": [\"FAILED\"]}}}"));
        assertEquals(List.of("alpha"),
                runs("{\"operator\": \"and_\", \"name\": {\"any_\": [\"alpha\"]}, \"tags\": {\"all_\": [\"db\"]}}"));
    }

    @Test
    void emptyNestedObjectIsTrueSoItMakesAnOrParentMatchEverything() {
        assertEquals(List.of("Beta_run", "alpha", "gamma"), runs("{\"operator\": \"or_\", \"id\": {}, \"name\": {\"any_\": [\"x\"]}}"));
    }

    @Test
    void stateTypeAndNameCombine() {
        assertEquals(List.of("alpha"), runs("{\"state\": {\"type\": {\"any_\": [\"COMPLETED\", \"RUNNING\"]}}}"));
        assertEquals(List.of("Beta_run"), runs("{\"state\": {\"name\": {\"any_\": [\"Failed\"]}}}"));
        assertEquals(List.of("Beta_run", "alpha"),
                runs("{\"state\": {\"operator\": \"or_\", \"type\": {\"any_\": [\"COMPLETED\"]}, \"name\": {\"any_\": [\"Failed\"]}}}"));
    }

    @Test
    void createdByMatchesIdTypeAndNull() {
        assertEquals(List.of("alpha"), runs("{\"created_by\": {\"id_\": [\"00000000-0000-0000-0000-0000000000c1\"]}}"));
        assertEquals(List.of("gamma"), runs("{\"created_by\": {\"type_\": [\"SCHEDULE\"]}}"));
        assertEquals(List.of("Beta_run"), runs("{\"created_by\": {\"is_null_\": true}}"));
    }

    @Test
    void taskRunFlowRunIdExcludesAutonomousRunsByDefault() {
        assertEquals(List.of("alpha", "gamma"), taskRuns("{\"flow_run_id\": {}}"));
        assertEquals(List.of("Beta_run"), taskRuns("{\"flow_run_id\": {\"is_null_\": true}}"));
        assertEquals(List.of("gamma"), taskRuns("{\"flow_run_id\": {\"any_\": [\"00000000-0000-0000-0000-0000000000f2\"]}}"));
        assertEquals(List.of("Beta_run", "alpha", "gamma"), taskRuns("{\"flow_run_id\": {\"is_null_\": null}}"));
    }

    @Test
    void startsWithMatchesAnyPrefixIgnoringCase() {
        Body body = PrefectBodyReader.read(MAPPER, Body.class,
                "{\"work_queues\": {\"name\": {\"startswith_\": [\"ALP\", \"gam\"]}}}".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("alpha", "gamma"), select(body.work_queues()));
        Body none = PrefectBodyReader.read(MAPPER, Body.class,
                "{\"work_queues\": {\"name\": {\"startswith_\": []}}}".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), select(none.work_queues()));
    }

    @Test
    void unknownKeyInsideAFilterObjectIsRejectedWithItsLocation() {
        RequestValidationException e = assertThrows(RequestValidationException.class,
                () -> runs("{\"name\": {\"any_\": [\"a\"], \"bogus\": 1}}"));
        assertEquals("extra_forbidden", e.errors().get(0).type());
        assertEquals(List.of("body", "flow_runs", "name", "bogus"), e.errors().get(0).loc());
    }

    @Test
    void wrongTypesAreRejectedNotCoerced() {
        assertEquals("uuid_parsing", assertThrows(RequestValidationException.class,
                () -> runs("{\"id\": {\"any_\": [\"not-a-uuid\"]}}")).errors().get(0).type());
        assertEquals("enum", assertThrows(RequestValidationException.class,
                () -> runs("{\"state\": {\"type\": {\"any_\": [\"completed\"]}}}")).errors().get(0).type());
        assertEquals("list_type", assertThrows(RequestValidationException.class,
                () -> runs("{\"name\": {\"any_\": \"alpha\"}}")).errors().get(0).type());
        assertEquals("string_type", assertThrows(RequestValidationException.class,
                () -> runs("{\"name\": {\"like_\": 5}}")).errors().get(0).type());
        assertEquals("enum", assertThrows(RequestValidationException.class,
                () -> runs("{\"operator\": \"xor_\"}")).errors().get(0).type());
    }

    @Test
    void malformedJsonIsAJsonInvalidError() {
        RequestValidationException e = assertThrows(RequestValidationException.class,
                () -> PrefectBodyReader.read(MAPPER, Body.class, "{\"flow_runs\": ".getBytes(StandardCharsets.UTF_8)));
        assertEquals("json_invalid", e.errors().get(0).type());
        assertEquals("{\"flow_runs\": ", e.requestBody());
    }

    @Test
    void relatedCriteriaAServiceCannotAnswerFailLoudly() {
        PrefectHttpException e = assertThrows(PrefectHttpException.class, () -> runs("{\"parent_flow_run_id\": {\"any_\": []}}"));
        assertEquals(422, e.status());
        assertTrue(String.valueOf(e.detail()).contains("not supported yet"));
    }

    @Test
    void emptyBodyMeansAllDefaults() {
        Body body = PrefectBodyReader.read(MAPPER, Body.class, new byte[0]);
        assertFalse(body == null);
        assertEquals(null, body.flow_runs());
    }
}
