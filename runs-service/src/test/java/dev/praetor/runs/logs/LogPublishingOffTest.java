package dev.praetor.runs.logs;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.praetor.rest.tenancy.Workspace;
import dev.praetor.testsupport.PraetorInfraResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code praetor.logs.publish-topic=} (empty) stores logs without queueing anything in the outbox. */
@QuarkusTest
@TestProfile(LogPublishingOffTest.PublishingOff.class)
class LogPublishingOffTest {

    /** Publishing off; the relay off too, so that anything queued would still be in the outbox to be counted. */
    public static class PublishingOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("praetor.logs.publish-topic", "", "praetor.outbox.relay.enabled", "false");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PraetorInfraResource.class,
                    Map.of("database", "praetor_runs_logs_off_test")));
        }
    }

    @Inject
    Pool pool;

    @Test
    void logsAreStoredButNotQueued() {
        UUID ws = UUID.randomUUID();
        given().contentType("application/json").header(Workspace.HEADER, ws.toString())
                .body("[{\"name\": \"off\", \"level\": 20, \"message\": \"m\", \"timestamp\": \"2026-01-01T00:00:00Z\"}]")
                .post("/logs/").then().statusCode(201);
        assertEquals(1, given().contentType("application/json").header(Workspace.HEADER, ws.toString()).body("{}")
                .post("/logs/filter").then().statusCode(200).extract().jsonPath().getList("$").size());
        long queued = pool.preparedQuery("SELECT count(*) FROM outbox WHERE workspace_id = $1").execute(Tuple.of(ws))
                .await().indefinitely().iterator().next().getLong(0);
        assertEquals(0, queued);
    }
}
