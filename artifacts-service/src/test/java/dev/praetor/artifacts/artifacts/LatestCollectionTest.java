package dev.praetor.artifacts.artifacts;

import static dev.praetor.artifacts.artifacts.ArtifactResourceTest.create;
import static dev.praetor.artifacts.artifacts.Requests.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.praetor.artifacts.ArtifactsTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The "latest" collection kept in step with artifact creates, updates and deletes (artifacts.md §3). */
@QuarkusTest
@TestProfile(ArtifactsTestProfile.class)
class LatestCollectionTest {

    private static JsonPath latest(UUID ws, String key) {
        return in(ws).body("{\"artifacts\":{\"key\":{\"any_\":[\"" + key + "\"]}}}").post("/artifacts/latest/filter")
                .then().statusCode(200).body("$", hasSize(1)).extract().jsonPath();
    }

    private static JsonPath artifact(UUID ws, String id) {
        return in(ws).get("/artifacts/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void firstKeyedArtifactCreatesTheCollectionRow() {
        UUID ws = UUID.randomUUID();
        String run = UUID.randomUUID().toString();
        String id = create(ws, "{\"key\":\"report\",\"type\":\"markdown\",\"description\":\"d\",\"data\":\"# hi\","
                + "\"metadata_\":{\"m\":\"1\"},\"flow_run_id\":\"" + run + "\"}");
        JsonPath row = latest(ws, "report");
        JsonPath created = artifact(ws, id);
        assertEquals(id, row.getString("[0].latest_id"));
        assertNotEquals(id, row.getString("[0].id"));
        assertEquals(created.getString("created"), row.getString("[0].created"));
        in(ws).body("{\"artifacts\":{\"key\":{\"any_\":[\"report\"]}}}").post("/artifacts/latest/filter").then()
                .body("[0].key", equalTo("report"))
                .body("[0].type", equalTo("markdown")).body("[0].description", equalTo("d"))
                .body("[0].data", equalTo("# hi")).body("[0].metadata_.m", equalTo("1"))
                .body("[0].flow_run_id", equalTo(run)).body("[0].task_run_id", nullValue());
    }

    @Test
    void keyLatestRouteAnswersTheCollectionRowsIdInTheArtifactShape() {
        UUID ws = UUID.randomUUID();
        String id = create(ws, "{\"key\":\"quirk\",\"data\":{\"n\":1}}");
        String collectionId = latest(ws, "quirk").getString("[0].id");
        in(ws).get("/artifacts/quirk/latest").then().statusCode(200)
                .body("id", equalTo(collectionId)).body("id", not(equalTo(id)))
                .body("key", equalTo("quirk")).body("data.n", equalTo(1))
                .body("$", not(hasKey("latest_id")));
    }

    @Test
    void newerArtifactOverwritesEveryValueIncludingNullsAndKeepsCreated() {
        UUID ws = UUID.randomUUID();
        create(ws, "{\"key\":\"versions\",\"type\":\"table\",\"description\":\"one\",\"data\":[1],\"metadata_\":{\"v\":\"1\"}}");
        JsonPath before = latest(ws, "versions");
        String second = create(ws, "{\"key\":\"versions\",\"data\":[2]}");
        JsonPath after = latest(ws, "versions");
        assertEquals(second, after.getString("[0].latest_id"));
        assertEquals(before.getString("[0].id"), after.getString("[0].id"));
        assertEquals(before.getString("[0].created"), after.getString("[0].created"));
        assertEquals(artifact(ws, second).getString("updated"), after.getString("[0].updated"));
        assertNull(after.get("[0].type"));
        assertNull(after.get("[0].description"));
        assertNull(after.get("[0].metadata_"));
        assertEquals(2, after.getInt("[0].data[0]"));
    }

    @Test
    void unkeyedArtifactsNeverAppearInTheCollection() {
        UUID ws = UUID.randomUUID();
        create(ws, "{\"data\":1}");
        in(ws).post("/artifacts/latest/count").then().statusCode(200).body(equalTo("0"));
    }

    @Test
    void patchingTheLatestUpdatesTheCollectionButPatchingAnOlderVersionDoesNot() {
        UUID ws = UUID.randomUUID();
        String older = create(ws, "{\"key\":\"edits\",\"description\":\"old\"}");
        String newer = create(ws, "{\"key\":\"edits\",\"description\":\"new\"}");
        in(ws).body("{\"description\":\"old edited\"}").patch("/artifacts/" + older).then().statusCode(204);
        assertEquals("new", latest(ws, "edits").getString("[0].description"));
        in(ws).body("{\"description\":\"new edited\",\"data\":{\"x\":1}}").patch("/artifacts/" + newer).then().statusCode(204);
        JsonPath row = latest(ws, "edits");
        assertEquals("new edited", row.getString("[0].description"));
        assertEquals(1, row.getInt("[0].data.x"));
        assertEquals(artifact(ws, newer).getString("updated"), row.getString("[0].updated"));
    }

    @Test
    void deletingTheLatestPromotesTheNewestRemainingWithItsTimestamps() {
        UUID ws = UUID.randomUUID();
        String first = create(ws, "{\"key\":\"fallback\",\"description\":\"first\"}");
        String second = create(ws, "{\"key\":\"fallback\",\"description\":\"second\"}");
        String third = create(ws, "{\"key\":\"fallback\",\"description\":\"third\"}");
        in(ws).delete("/artifacts/" + third).then().statusCode(204);
        JsonPath row = latest(ws, "fallback");
        JsonPath promoted = artifact(ws, second);
        assertEquals(second, row.getString("[0].latest_id"));
        assertEquals("second", row.getString("[0].description"));
        assertEquals(promoted.getString("created"), row.getString("[0].created"));
        assertEquals(promoted.getString("updated"), row.getString("[0].updated"));
        in(ws).delete("/artifacts/" + first).then().statusCode(204);
        assertEquals(second, latest(ws, "fallback").getString("[0].latest_id"));
    }

    @Test
    void deletingTheLastArtifactOfAKeyRemovesTheCollectionRow() {
        UUID ws = UUID.randomUUID();
        String only = create(ws, "{\"key\":\"lonely\"}");
        in(ws).delete("/artifacts/" + only).then().statusCode(204);
        in(ws).get("/artifacts/lonely/latest").then().statusCode(404);
        in(ws).post("/artifacts/latest/count").then().body(equalTo("0"));
    }

    @Test
    void latestFilterSortsAndFiltersOnTheCollectionRows() {
        UUID ws = UUID.randomUUID();
        create(ws, "{\"key\":\"b-key\",\"type\":\"table\"}");
        String aLatest = create(ws, "{\"key\":\"a-key\",\"type\":\"markdown\"}");
        create(ws, "{\"key\":\"c-key\",\"type\":\"markdown\"}");
        create(ws, "{\"key\":\"b-key\",\"type\":\"markdown\"}");
        in(ws).body("{\"sort\":\"KEY_ASC\"}").post("/artifacts/latest/filter").then().statusCode(200)
                .body("key", contains("a-key", "b-key", "c-key"));
        in(ws).body("{\"sort\":\"KEY_DESC\",\"limit\":2}").post("/artifacts/latest/filter").then()
                .body("key", contains("c-key", "b-key"));
        in(ws).body("{\"sort\":\"ID_DESC\"}").post("/artifacts/latest/filter").then()
                .body("key", contains("c-key", "a-key", "b-key"));
        in(ws).body("{\"sort\":\"UPDATED_DESC\"}").post("/artifacts/latest/filter").then()
                .body("key", contains("b-key", "c-key", "a-key"));
        in(ws).body("{\"sort\":\"CREATED_DESC\"}").post("/artifacts/latest/filter").then()
                .body("key", contains("c-key", "a-key", "b-key"));
        in(ws).body("{\"artifacts\":{\"type\":{\"any_\":[\"markdown\"]}},\"sort\":\"KEY_ASC\"}")
                .post("/artifacts/latest/filter").then().body("key", contains("a-key", "b-key", "c-key"));
        in(ws).body("{\"artifacts\":{\"latest_id\":{\"any_\":[\"" + aLatest + "\"]}}}")
                .post("/artifacts/latest/filter").then().body("key", contains("a-key"));
        in(ws).body("{\"artifacts\":{\"key\":{\"like_\":\"b-\"}}}").post("/artifacts/latest/count").then().body(equalTo("1"));
    }
}
