package dev.praetor.gateway;

import static dev.praetor.gateway.ApiKeyAuthTest.admin;
import static dev.praetor.gateway.ApiKeyAuthTest.createKey;
import static dev.praetor.gateway.ApiKeyAuthTest.prefix;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A workspace's own rate limit, set with the admin API: it applies even though the default limit is off, a change
 * through this replica applies at once, and one written elsewhere (another replica's admin call) within the TTL.
 */
@QuarkusTest
@TestProfile(ApiKeyAuthTest.KeysRequired.class)
@WithTestResource(EchoUpstreamResource.class)
class WorkspaceRateLimitTest {

    /** Two requests, then one per 100 s: the third in a row is over the limit whatever the pace of the test. */
    private static final Map<String, Object> TWO_REQUESTS = Map.of("requests_per_second", 0.01, "burst", 2);

    @Inject
    ApiKeyRepository repository;

    private static JsonPath createWorkspace(Object rateLimit) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "limited " + UUID.randomUUID());
        body.put("account_id", UUID.randomUUID().toString());
        if (rateLimit != null) {
            body.put("rate_limit", rateLimit);
        }
        return admin().body(body).post("/admin/workspaces").then().statusCode(201).extract().jsonPath();
    }

    private static int get(JsonPath workspace, String key) {
        return given().header("Authorization", "Bearer " + key).get(prefix(workspace) + "/flows/x").statusCode();
    }

    @Test
    void ownLimitAppliesWhileTheDefaultIsOff() {
        JsonPath limited = createWorkspace(TWO_REQUESTS);
        assertEquals(0.01, limited.getDouble("rate_limit.requests_per_second"));
        String key = createKey(limited.getString("workspace_id"), Map.of("name", "k"));
        assertEquals(200, get(limited, key));
        assertEquals(200, get(limited, key));
        given().header("Authorization", "Bearer " + key).get(prefix(limited) + "/flows/x")
                .then().statusCode(429).header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("detail", equalTo("Too many requests for this workspace; retry later."));

        JsonPath unlimited = createWorkspace(null);
        String otherKey = createKey(unlimited.getString("workspace_id"), Map.of("name", "k"));
        for (int i = 0; i < 10; i++) {
            assertEquals(200, get(unlimited, otherKey), "a workspace without a limit of its own, default off");
        }
    }

    @Test
    void limitChangedThroughThisReplicaAppliesAtOnce() {
        JsonPath workspace = createWorkspace(null);
        String id = workspace.getString("workspace_id");
        String key = createKey(id, Map.of("name", "k"));
        assertEquals(200, get(workspace, key));

        admin().body(Map.of("rate_limit", TWO_REQUESTS)).patch("/admin/workspaces/" + id)
                .then().statusCode(200).body("rate_limit.burst", equalTo(2));
        assertEquals(200, get(workspace, key));
        assertEquals(200, get(workspace, key));
        assertEquals(429, get(workspace, key));

        Map<String, Object> clear = new HashMap<>();
        clear.put("rate_limit", null);
        admin().body(clear).patch("/admin/workspaces/" + id).then().statusCode(200).body("rate_limit", nullValue());
        admin().get("/admin/workspaces/" + id).then().statusCode(200).body("rate_limit", nullValue());
        assertEquals(200, get(workspace, key));
    }

    @Test
    void limitWrittenByAnotherReplicaArrivesWithinTheSettingsTtl() throws Exception {
        JsonPath workspace = createWorkspace(null);
        String id = workspace.getString("workspace_id");
        String key = createKey(id, Map.of("name", "k"));
        assertEquals(200, get(workspace, key));
        // As another replica's admin call would: straight to the database, this replica's bucket untouched.
        repository.updateRateLimit(UUID.fromString(id), new WorkspaceRateLimit(0.01, 1))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        boolean limited = false;
        while (!limited && System.nanoTime() < deadline) {
            limited = get(workspace, key) == 429;
            Thread.sleep(200);
        }
        assertTrue(limited, "the limit set elsewhere never reached this replica");
    }

    @Test
    void badLimitsAnswer422AndUnknownWorkspaces404() {
        Map<String, Object> zero = Map.of("name", "bad " + UUID.randomUUID(),
                "rate_limit", Map.of("requests_per_second", 0));
        admin().body(zero).post("/admin/workspaces").then().statusCode(422);
        String id = createWorkspace(null).getString("workspace_id");
        admin().body(Map.of("rate_limit", "fast")).patch("/admin/workspaces/" + id).then().statusCode(422);
        admin().body(Map.of("rate_limit", Map.of("requests_per_second", 5, "burst", 0)))
                .patch("/admin/workspaces/" + id).then().statusCode(422);
        admin().body(Map.of("name", "x")).patch("/admin/workspaces/" + id).then().statusCode(422);
        admin().body(Map.of("rate_limit", TWO_REQUESTS)).patch("/admin/workspaces/" + UUID.randomUUID())
                .then().statusCode(404);
        admin().get("/admin/workspaces/" + UUID.randomUUID()).then().statusCode(404);
        given().body(Map.of("rate_limit", TWO_REQUESTS)).contentType("application/json")
                .patch("/admin/workspaces/" + id).then().statusCode(401);
    }
}
