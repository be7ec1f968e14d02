package dev.praetor.runs.concurrency;

import static dev.praetor.runs.Api.in;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.praetor.rest.tenancy.Workspace;
import dev.praetor.runs.RunsTestProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(RunsTestProfile.class)
class ConcurrencyLimitV2ResourceTest {
    private final UUID ws = UUID.randomUUID();

    @TestHTTPResource("/")
    URL url;

    @Inject
    Pool pool;

    @Inject
    LeaseRepossessor repossessor;

    private String create(String name, int limit) {
        return in(ws).body("{\"name\": \"" + name + "\", \"limit\": " + limit + "}").post("/v2/concurrency_limits/")
                .then().statusCode(201).extract().path("id");
    }

    private int activeSlots(String idOrName) {
        return in(ws).get("/v2/concurrency_limits/" + idOrName).then().statusCode(200).extract().path("active_slots");
    }

    private Response incrementWithLease(String name, int slots) {
        return in(ws).body("{\"names\": [\"" + name + "\"], \"slots\": " + slots + ", \"mode\": \"concurrency\", "
                + "\"lease_duration\": 60, \"holder\": {\"type\": \"task_run\", \"id\": \"" + UUID.randomUUID() + "\"}}")
                .post("/v2/concurrency_limits/increment-with-lease");
    }

    @Test
    void createAnswersEveryFieldAndReadWorksByIdAndName() {
        in(ws).body("{\"name\": \"db\", \"limit\": 2}").post("/v2/concurrency_limits/").then().statusCode(201)
                .body("name", equalTo("db")).body("limit", equalTo(2)).body("active", equalTo(true))
                .body("active_slots", equalTo(0)).body("denied_slots", equalTo(0))
                .body("slot_decay_per_second", equalTo(0.0f)).body("avg_slot_occupancy_seconds", equalTo(2.0f))
                .body("id", notNullValue()).body("created", notNullValue()).body("updated", notNullValue());
        String id = in(ws).get("/v2/concurrency_limits/db").then().statusCode(200).body("limit", equalTo(2))
                .extract().path("id");
        in(ws).get("/v2/concurrency_limits/" + id).then().statusCode(200).body("name", equalTo("db"));
        in(UUID.randomUUID()).get("/v2/concurrency_limits/" + id).then().statusCode(404)
                .body("detail", equalTo("Concurrency Limit not found"));
    }

    @Test
    void duplicateNameIsAConflict() {
        create("dup", 1);
        in(ws).body("{\"name\": \"dup\", \"limit\": 3}").post("/v2/concurrency_limits/").then().statusCode(409);
    }

    @Test
    void badInputIs422() {
        in(ws).body("{\"name\": \"neg\", \"limit\": -1}").post("/v2/concurrency_limits/").then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "limit")));
        in(ws).body("{\"name\": \"a/b\", \"limit\": 1}").post("/v2/concurrency_limits/").then().statusCode(422);
        in(ws).body("{\"limit\": 1}").post("/v2/concurrency_limits/").then().statusCode(422);
        create("valid", 1);
        in(ws).body("{\"limit\": -5}").patch("/v2/concurrency_limits/valid").then().statusCode(422);
        in(ws).body("{\"names\": [\"valid\"], \"slots\": 0}").post("/v2/concurrency_limits/increment").then().statusCode(422);
        in(ws).body("{\"names\": [], \"slots\": 1}").post("/v2/concurrency_limits/increment").then().statusCode(422);
        in(ws).body("{\"names\": [\"valid\"], \"slots\": 1, \"lease_duration\": 5}")
                .post("/v2/concurrency_limits/increment-with-lease").then().statusCode(422);
        in(ws).body("{\"names\": [\"valid\"], \"slots\": 1, \"mode\": \"other\"}")
                .post("/v2/concurrency_limits/increment").then().statusCode(422);
        in(ws).body("{}").post("/v2/concurrency_limits/decrement-with-lease").then().statusCode(422);
        in(ws).body("{\"lease_duration\": 60}").post("/v2/concurrency_limits/leases/not-a-uuid/renew").then().statusCode(422);
    }

    @Test
    void updateAndDeleteByNameOrId() {
        String id = create("upd", 1);
        in(ws).body("{\"limit\": 5, \"active\": false}").patch("/v2/concurrency_limits/upd").then().statusCode(204);
        in(ws).get("/v2/concurrency_limits/" + id).then().body("limit", equalTo(5)).body("active", equalTo(false));
        in(ws).body("{\"limit\": 5}").patch("/v2/concurrency_limits/missing").then().statusCode(404)
                .body("detail", equalTo("Concurrency Limit not found"));
        in(ws).delete("/v2/concurrency_limits/" + id).then().statusCode(204);
        in(ws).delete("/v2/concurrency_limits/" + id).then().statusCode(404);
    }

    @Test
    void filterListsByName() {
        create("b-limit", 1);
        create("a-limit", 1);
        in(ws).body("{}").post("/v2/concurrency_limits/filter").then().statusCode(200).body("$", hasSize(2))
                .body("[0].name", equalTo("a-limit")).body("[1].name", equalTo("b-limit"));
        in(ws).body("{\"limit\": 1, \"offset\": 1}").post("/v2/concurrency_limits/filter").then()
                .body("$", hasSize(1)).body("[0].name", equalTo("b-limit"));
    }

    @Test
    void fullLimitAnswers423WithNumericRetryAfterAndCountsTheDenial() {
        create("one", 1);
        in(ws).body("{\"names\": [\"one\"], \"slots\": 1}").post("/v2/concurrency_limits/increment").then().statusCode(200)
                .body("[0].name", equalTo("one")).body("[0].limit", equalTo(1));
        Response locked = in(ws).body("{\"names\": [\"one\"], \"slots\": 1}").post("/v2/concurrency_limits/increment");
        assertEquals(423, locked.statusCode());
        assertEquals("Locked", locked.jsonPath().getString("detail"));
        double retryAfter = Double.parseDouble(locked.getHeader("Retry-After"));
        assertTrue(retryAfter >= 0 && retryAfter <= 30 * 1.3, "Retry-After " + retryAfter);
        assertEquals(1, activeSlots("one"));
        in(ws).body("{\"names\": [\"one\"], \"slots\": 1}").post("/v2/concurrency_limits/decrement").then().statusCode(200)
                .body("$", hasSize(1));
        assertEquals(0, activeSlots("one"));
    }

    @Test
    void slotsOverTheLimitAre422AndUnknownNamesAreIgnored() {
        create("two", 2);
        in(ws).body("{\"names\": [\"two\"], \"slots\": 3}").post("/v2/concurrency_limits/increment").then().statusCode(422)
                .body("detail", equalTo("Slots requested is greater than the limit"));
        in(ws).body("{\"names\": [\"two\"], \"slots\": 1, \"mode\": \"rate_limit\"}").post("/v2/concurrency_limits/increment")
                .then().statusCode(422);
        in(ws).body("{\"names\": [\"nobody\"], \"slots\": 1}").post("/v2/concurrency_limits/increment").then()
                .statusCode(200).body("$", hasSize(0));
        incrementWithLease("nobody", 1).then().statusCode(200).body("lease_id", notNullValue()).body("limits", hasSize(0));
    }

    @Test
    void leaseLifecycleHoldsRenewsAndReleasesSlots() {
        create("leased", 1);
        String lease = incrementWithLease("leased", 1).then().statusCode(200).body("limits[0].name", equalTo("leased"))
                .extract().path("lease_id");
        assertEquals(1, activeSlots("leased"));
        incrementWithLease("leased", 1).then().statusCode(423);
        in(ws).body("{\"lease_duration\": 120}").post("/v2/concurrency_limits/leases/" + lease + "/renew").then().statusCode(204);
        in(ws).body("{\"lease_id\": \"" + lease + "\"}").post("/v2/concurrency_limits/decrement-with-lease").then().statusCode(204);
        assertEquals(0, activeSlots("leased"));
        in(ws).body("{\"lease_duration\": 60}").post("/v2/concurrency_limits/leases/" + lease + "/renew").then().statusCode(410)
                .body("detail", equalTo("Lease not found - it may have expired or been revoked"));
        in(ws).body("{\"lease_id\": \"" + lease + "\"}").post("/v2/concurrency_limits/decrement-with-lease").then().statusCode(204);
        assertEquals(0, activeSlots("leased"));
    }

    @Test
    void expiredLeaseIsRevokedAndItsSlotReturns() {
        create("expiring", 1);
        String lease = incrementWithLease("expiring", 1).then().statusCode(200).extract().path("lease_id");
        incrementWithLease("expiring", 1).then().statusCode(423);
        pool.preparedQuery("UPDATE concurrency_lease SET expires = now() - interval '1 second' WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(lease))).await().atMost(Duration.ofSeconds(10));
        repossessor.runOnce();
        assertEquals(0, activeSlots("expiring"));
        in(ws).body("{}").post("/v2/concurrency_limits/leases/" + lease + "/renew").then().statusCode(410);
        incrementWithLease("expiring", 1).then().statusCode(200);
    }

    @Test
    void concurrentIncrementsNeverExceedTheLimit() throws Exception {
        create("contended", 3);
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "v2/concurrency_limits/increment"))
                    .header("Content-Type", "application/json").header(Workspace.HEADER, ws.toString())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"names\": [\"contended\"], \"slots\": 1}")).build();
            responses.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        int granted = 0;
        int locked = 0;
        for (CompletableFuture<HttpResponse<String>> future : responses) {
            HttpResponse<String> response = future.get();
            if (response.statusCode() == 200) {
                granted++;
            } else {
                assertEquals(423, response.statusCode(), response.body());
                assertTrue(response.headers().firstValue("Retry-After").isPresent());
                locked++;
            }
        }
        assertEquals(3, granted);
        assertEquals(21, locked);
        assertEquals(3, activeSlots("contended"));
    }

    @Test
    void rateLimitModeNeedsDecayAndRefusesBeyondTheLimit() {
        in(ws).body("{\"name\": \"per-second\", \"limit\": 1, \"slot_decay_per_second\": 0.01}")
                .post("/v2/concurrency_limits/").then().statusCode(201).body("slot_decay_per_second", equalTo(0.01f));
        String body = "{\"names\": [\"per-second\"], \"slots\": 1, \"mode\": \"rate_limit\"}";
        in(ws).body(body).post("/v2/concurrency_limits/increment").then().statusCode(200);
        Response locked = in(ws).body(body).post("/v2/concurrency_limits/increment");
        assertEquals(423, locked.statusCode());
        // with decay: (slots + denied) / decay, jittered by at most 30 %
        double retryAfter = Double.parseDouble(locked.getHeader("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 100 * 1.3, "Retry-After " + retryAfter);
    }

    @Test
    void decrementWithOccupancyMovesTheAverageOverTwiceTheLimitSamples() {
        String id = create("averaged", 1);
        in(ws).body("{\"names\": [\"averaged\"], \"slots\": 1}").post("/v2/concurrency_limits/increment").then().statusCode(200);
        in(ws).body("{\"names\": [\"averaged\"], \"slots\": 1, \"occupancy_seconds\": 10}")
                .post("/v2/concurrency_limits/decrement").then().statusCode(200);
        double average = pool.preparedQuery("SELECT avg_slot_occupancy_seconds FROM concurrency_limit_v2 WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().atMost(Duration.ofSeconds(10)).iterator().next().getDouble(0);
        // 2.0 + 10 / 2 - 2.0 / 2
        assertEquals(6.0, average, 1e-9);
        assertEquals(0, activeSlots("averaged"));
    }
}
