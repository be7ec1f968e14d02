package dev.praetor.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** API keys: the admin API that makes them, and what a key may and may not reach. */
@QuarkusTest
@TestProfile(ApiKeyAuthTest.KeysRequired.class)
@WithTestResource(EchoUpstreamResource.class)
class ApiKeyAuthTest {

    static final String ADMIN = "Bearer test-admin-token";

    public static class KeysRequired implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("praetor.gateway.auth.workspace-prefix-requires-key", "true");
        }
    }

    @Inject
    ApiKeyRepository repository;

    static RequestSpecification admin() {
        return given().header("Authorization", ADMIN).contentType("application/json");
    }

    /** @return {workspace_id, account_id} of a new workspace */
    static JsonPath createWorkspace(String name) {
        return admin().body(Map.of("name", name, "account_id", UUID.randomUUID().toString()))
                .post("/admin/workspaces").then().statusCode(201).extract().jsonPath();
    }

    static String createKey(String workspaceId, Map<String, Object> body) {
        return admin().body(body).post("/admin/workspaces/" + workspaceId + "/api_keys")
                .then().statusCode(201).body("key", startsWith("pnb_")).extract().path("key");
    }

    static String prefix(JsonPath workspace) {
        return "/api/accounts/" + workspace.getString("account_id") + "/workspaces/" + workspace.getString("workspace_id");
    }

    @Test
    void keyReachesItsWorkspace() {
        JsonPath workspace = createWorkspace("reach " + UUID.randomUUID());
        String key = createKey(workspace.getString("workspace_id"), Map.of("name", "ci"));
        given().header("Authorization", "Bearer " + key).get(prefix(workspace) + "/flows/x")
                .then().statusCode(200)
                .body("headers.x-praetor-workspace-id", equalTo(workspace.getString("workspace_id")));
    }

    @Test
    void missingKeyOnWorkspacePrefixAnswers401() {
        JsonPath workspace = createWorkspace("missing " + UUID.randomUUID());
        given().get(prefix(workspace) + "/flows/x").then().statusCode(401).body("detail", startsWith("Not authenticated"));
    }

    @Test
    void unknownKeyAnswers401() {
        JsonPath workspace = createWorkspace("unknown " + UUID.randomUUID());
        given().header("Authorization", "Bearer pnb_nosuchkey").get(prefix(workspace) + "/flows/x")
                .then().statusCode(401).body("detail", equalTo("Invalid, revoked or expired API key."));
        // A key someone sends is checked even where none is required.
        given().header("Authorization", "Bearer pnb_nosuchkey").get("/api/flows/x").then().statusCode(401);
    }

    @Test
    void keyOfAnotherWorkspaceAnswers403() {
        JsonPath a = createWorkspace("a " + UUID.randomUUID());
        JsonPath b = createWorkspace("b " + UUID.randomUUID());
        String key = createKey(a.getString("workspace_id"), Map.of("name", "a"));
        given().header("Authorization", "Bearer " + key).get(prefix(b) + "/flows/x").then().statusCode(403);
        // Same workspace id under another account is another workspace too.
        given().header("Authorization", "Bearer " + key)
                .get("/api/accounts/" + UUID.randomUUID() + "/workspaces/" + a.getString("workspace_id") + "/flows/x")
                .then().statusCode(403);
        // An unknown workspace is one the key cannot use either.
        given().header("Authorization", "Bearer " + key)
                .get("/api/accounts/" + a.getString("account_id") + "/workspaces/" + UUID.randomUUID() + "/flows/x")
                .then().statusCode(403);
        // The plain prefix is the default workspace, not the key's.
        given().header("Authorization", "Bearer " + key).get("/api/flows/x").then().statusCode(403);
    }

    @Test
    void revokedKeyAnswers401AtOnce() {
        JsonPath workspace = createWorkspace("revoke " + UUID.randomUUID());
        String workspaceId = workspace.getString("workspace_id");
        String key = createKey(workspaceId, Map.of("name", "to revoke"));
        given().header("Authorization", "Bearer " + key).get(prefix(workspace) + "/flows/x").then().statusCode(200);
        String keyId = admin().get("/admin/workspaces/" + workspaceId + "/api_keys").then().statusCode(200)
                .extract().path("[0].id");
        admin().delete("/admin/api_keys/" + keyId).then().statusCode(204);
        given().header("Authorization", "Bearer " + key).get(prefix(workspace) + "/flows/x").then().statusCode(401);
        admin().delete("/admin/api_keys/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void keyRevokedOnAnotherReplicaAnswers401WithinTheCacheTtl() throws Exception {
        JsonPath workspace = createWorkspace("revoke elsewhere " + UUID.randomUUID());
        String workspaceId = workspace.getString("workspace_id");
        String key = createKey(workspaceId, Map.of("name", "cached here"));
        given().header("Authorization", "Bearer " + key).get(prefix(workspace) + "/flows/x").then().statusCode(200);
        String keyId = admin().get("/admin/workspaces/" + workspaceId + "/api_keys").then().statusCode(200)
                .extract().path("[0].id");
        // Another replica revokes it: the row changes, this replica's cache entry does not.
        assertTrue(repository.revokeKey(UUID.fromString(keyId)).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS));
        // The cached lookup began before the revocation, so it is gone 1 s (the configured TTL) after it.
        Thread.sleep(1_050);
        given().header("Authorization", "Bearer " + key).get(prefix(workspace) + "/flows/x").then().statusCode(401);
    }

    @Test
    void expiredKeyAnswers401() {
        JsonPath workspace = createWorkspace("expired " + UUID.randomUUID());
        String key = createKey(workspace.getString("workspace_id"),
                Map.of("name", "old", "expiration", "2020-01-01T00:00:00Z"));
        given().header("Authorization", "Bearer " + key).get(prefix(workspace) + "/flows/x").then().statusCode(401);
    }

    @Test
    void listShowsNoSecretAndStoresOnlyTheHash() throws Exception {
        JsonPath workspace = createWorkspace("list " + UUID.randomUUID());
        String workspaceId = workspace.getString("workspace_id");
        String key = createKey(workspaceId, Map.of("name", "listed", "expires_in_seconds", 3600));
        assertTrue(key.length() >= 4 + 43, "32 random bytes, base64url: " + key);
        admin().get("/admin/workspaces/" + workspaceId + "/api_keys").then().statusCode(200)
                .body("name", hasItem("listed"))
                .body("[0]", not(hasKey("key")))
                .body("[0].key_prefix", equalTo(key.substring(0, 8)));
        ApiKey stored = repository.findKeyByHash(ApiKeys.hash(key)).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertNotNull(stored);
        assertEquals(workspaceId, stored.workspaceId().toString());
    }

    @Test
    void adminApiNeedsTheAdminToken() {
        given().get("/admin/workspaces").then().statusCode(401);
        given().header("Authorization", "Bearer wrong").get("/admin/workspaces").then().statusCode(401);
        admin().get("/admin/workspaces").then().statusCode(200);
    }

    @Test
    void adminRefusesBadInputWith422And404() {
        admin().body("{}").post("/admin/workspaces").then().statusCode(422);
        admin().body(Map.of("name", "k")).post("/admin/workspaces/" + UUID.randomUUID() + "/api_keys")
                .then().statusCode(404);
        JsonPath workspace = createWorkspace("bad " + UUID.randomUUID());
        admin().body(Map.of("name", "k", "expiration", "tomorrow"))
                .post("/admin/workspaces/" + workspace.getString("workspace_id") + "/api_keys").then().statusCode(422);
    }

    @Test
    void meWorkspacesListsTheWorkspaceOfTheKey() {
        JsonPath workspace = createWorkspace("me " + UUID.randomUUID());
        String key = createKey(workspace.getString("workspace_id"), Map.of("name", "me"));
        given().header("Authorization", "Bearer " + key).get("/api/me/workspaces").then().statusCode(200)
                .body("workspace_id", equalTo(java.util.List.of(workspace.getString("workspace_id"))))
                .body("[0].account_id", equalTo(workspace.getString("account_id")));
        given().get("/api/me/workspaces").then().statusCode(401);
        given().header("Authorization", "Bearer " + key).get(prefix(workspace)).then().statusCode(200)
                .body("workspace_id", equalTo(workspace.getString("workspace_id")));
    }

    @Test
    void plainPrefixNeedsNoKeyByDefault() {
        given().get("/api/flows/x").then().statusCode(200);
    }
}
