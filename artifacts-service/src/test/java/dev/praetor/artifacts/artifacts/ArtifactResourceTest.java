package dev.praetor.artifacts.artifacts;

import static dev.praetor.artifacts.artifacts.Requests.in;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.praetor.artifacts.ArtifactsTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ArtifactsTestProfile.class)
class ArtifactResourceTest {
    private static final String DATETIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?Z";

    static String create(UUID ws, String body) {
        return in(ws).body(body).post("/artifacts/").then().statusCode(201).extract().path("id");
    }

    @Test
    void createAnswers201WithEveryField() {
        UUID ws = UUID.randomUUID();
        String flowRun = UUID.randomUUID().toString();
        in(ws).body("{\"key\":\"sales-report\",\"type\":\"markdown\",\"description\":\"# Q1\",\"data\":\"| a | b |\","
                + "\"metadata_\":{\"rows\":\"2\"},\"flow_run_id\":\"" + flowRun + "\",\"task_run_id\":null}")
                .post("/artifacts/").then().statusCode(201)
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("created", matchesPattern(DATETIME))
                .body("updated", matchesPattern(DATETIME))
                .body("key", equalTo("sales-report"))
                .body("type", equalTo("markdown"))
                .body("description", equalTo("# Q1"))
                .body("data", equalTo("| a | b |"))
                .body("metadata_.rows", equalTo("2"))
                .body("flow_run_id", equalTo(flowRun))
                .body("task_run_id", nullValue());
    }

    @Test
    void dataKeepsAnyJsonValue() {
        UUID ws = UUID.randomUUID();
        String object = create(ws, "{\"data\":{\"rows\":[1,2.5,{\"x\":null}],\"ok\":true}}");
        in(ws).get("/artifacts/" + object).then().statusCode(200)
                .body("data.rows[0]", equalTo(1)).body("data.rows[1]", equalTo(2.5f)).body("data.ok", equalTo(true));
        String number = create(ws, "{\"data\":42}");
        in(ws).get("/artifacts/" + number).then().body("data", equalTo(42));
        String none = create(ws, "{\"type\":\"result\"}");
        in(ws).get("/artifacts/" + none).then().body("data", nullValue()).body("key", nullValue());
        String nul = create(ws, "{\"data\":\"a\\u0000b\"}");
        in(ws).get("/artifacts/" + nul).then().body("data", equalTo("a\u0000b"));
    }

    @Test
    void longMetadataValuesAreTruncatedNotRejected() {
        UUID ws = UUID.randomUUID();
        String id = create(ws, "{\"metadata_\":{\"long\":\"" + "é".repeat(600) + "\",\"short\":\"s\"}}");
        in(ws).get("/artifacts/" + id).then()
                .body("metadata_.long", equalTo("é".repeat(500) + "..."))
                .body("metadata_.short", equalTo("s"));
    }

    @Test
    void missingArtifactIs404WithPrefectsDetail() {
        UUID ws = UUID.randomUUID();
        String missing = UUID.randomUUID().toString();
        in(ws).get("/artifacts/" + missing).then().statusCode(404).body("detail", equalTo("Artifact not found."));
        in(ws).get("/artifacts/no-such-key/latest").then().statusCode(404).body("detail", equalTo("Artifact not found."));
        in(ws).body("{}").patch("/artifacts/" + missing).then().statusCode(404).body("detail", equalTo("Artifact not found."));
        in(ws).delete("/artifacts/" + missing).then().statusCode(404).body("detail", equalTo("Artifact not found."));
        in(ws).get("/artifacts/not-a-uuid").then().statusCode(404).body("detail", equalTo("Not Found"));
    }

    @Test
    void patchWritesOnlyTheKeysPresentAndNullClears() {
        UUID ws = UUID.randomUUID();
        String id = create(ws, "{\"key\":\"patched\",\"type\":\"table\",\"description\":\"d\",\"data\":[1],"
                + "\"metadata_\":{\"a\":\"1\"}}");
        in(ws).body("{\"data\":{\"n\":2}}").patch("/artifacts/" + id).then().statusCode(204).body(equalTo(""));
        in(ws).get("/artifacts/" + id).then().body("data.n", equalTo(2)).body("description", equalTo("d"))
                .body("metadata_.a", equalTo("1")).body("type", equalTo("table"));
        in(ws).body("{\"description\":null,\"metadata_\":{\"b\":\"2\"}}").patch("/artifacts/" + id).then().statusCode(204);
        in(ws).get("/artifacts/" + id).then().body("description", nullValue()).body("metadata_", equalTo(Map.of("b", "2")))
                .body("data.n", equalTo(2));
    }

    @Test
    void patchBumpsUpdated() {
        UUID ws = UUID.randomUUID();
        String id = create(ws, "{\"description\":\"x\"}");
        String before = in(ws).get("/artifacts/" + id).then().extract().path("updated");
        in(ws).body("{\"description\":\"y\"}").patch("/artifacts/" + id).then().statusCode(204);
        in(ws).get("/artifacts/" + id).then().body("updated", not(equalTo(before)));
    }

    @Test
    void deleteAnswers204ThenTheArtifactIsGone() {
        UUID ws = UUID.randomUUID();
        String id = create(ws, "{\"data\":1}");
        in(ws).delete("/artifacts/" + id).then().statusCode(204).body(equalTo(""));
        in(ws).get("/artifacts/" + id).then().statusCode(404);
    }

    @Test
    void filterByOwnFieldsWithEmptyBodyAndClientShapedBody() {
        UUID ws = UUID.randomUUID();
        String flowRun = UUID.randomUUID().toString();
        String a = create(ws, "{\"key\":\"alpha\",\"type\":\"markdown\",\"flow_run_id\":\"" + flowRun + "\"}");
        String b = create(ws, "{\"key\":\"beta\",\"type\":\"table\"}");
        String c = create(ws, "{\"type\":\"result\"}");
        in(ws).post("/artifacts/filter").then().statusCode(200).body("id", contains(c, b, a));
        in(ws).body("{\"artifacts\":{\"operator\":\"and_\",\"id\":null,\"key\":{\"any_\":[\"alpha\"],\"like_\":null,"
                + "\"exists_\":null},\"flow_run_id\":null,\"task_run_id\":null,\"type\":null},\"flow_runs\":null,"
                + "\"task_runs\":null,\"flows\":null,\"deployments\":null,\"sort\":null,\"limit\":null,\"offset\":0}")
                .post("/artifacts/filter").then().statusCode(200).body("id", contains(a));
        in(ws).body("{\"artifacts\":{\"key\":{\"exists_\":false}}}").post("/artifacts/filter").then().body("id", contains(c));
        in(ws).body("{\"artifacts\":{\"key\":{\"like_\":\"ET\"}}}").post("/artifacts/filter").then().body("id", contains(b));
        in(ws).body("{\"artifacts\":{\"flow_run_id\":{\"any_\":[\"" + flowRun + "\"]}}}").post("/artifacts/filter")
                .then().body("id", contains(a));
        // NOT IN: rows without a type are not returned either
        in(ws).body("{\"artifacts\":{\"type\":{\"not_any_\":[\"result\"]}}}").post("/artifacts/filter")
                .then().body("id", contains(b, a));
        in(ws).body("{\"artifacts\":{\"operator\":\"or_\",\"key\":{\"any_\":[\"alpha\"]},\"type\":{\"any_\":[\"result\"]}}}")
                .post("/artifacts/filter").then().body("id", contains(c, a));
        in(ws).body("{\"artifacts\":{\"id\":{\"any_\":[]}}}").post("/artifacts/filter").then().body("$", hasSize(0));
    }

    @Test
    void everySortOrder() {
        UUID ws = UUID.randomUUID();
        String first = create(ws, "{\"key\":\"m\"}");
        String second = create(ws, "{\"key\":\"z\"}");
        String third = create(ws, "{\"key\":\"a\"}");
        String unkeyed = create(ws, "{}");
        in(ws).body("{\"sort\":\"ID_DESC\"}").post("/artifacts/filter").then().body("id", contains(unkeyed, third, second, first));
        in(ws).body("{\"sort\":\"CREATED_DESC\"}").post("/artifacts/filter").then().body("id", contains(unkeyed, third, second, first));
        in(ws).body("{\"sort\":\"KEY_ASC\"}").post("/artifacts/filter").then().body("id", contains(third, first, second, unkeyed));
        in(ws).body("{\"sort\":\"KEY_DESC\"}").post("/artifacts/filter").then().body("id", contains(unkeyed, second, first, third));
        in(ws).body("{\"data\":1}").patch("/artifacts/" + first).then().statusCode(204);
        in(ws).body("{\"sort\":\"UPDATED_DESC\",\"limit\":1}").post("/artifacts/filter").then().body("id", contains(first));
        in(ws).body("{\"sort\":\"KEY_ASC\",\"limit\":2,\"offset\":1}").post("/artifacts/filter").then().body("id", contains(first, second));
    }

    @Test
    void countIsABareInteger() {
        UUID ws = UUID.randomUUID();
        create(ws, "{\"key\":\"one\"}");
        create(ws, "{\"key\":\"one\"}");
        create(ws, "{}");
        in(ws).post("/artifacts/count").then().statusCode(200).body(equalTo("3"));
        in(ws).body("{\"artifacts\":{\"key\":{\"any_\":[\"one\"]}}}").post("/artifacts/count").then().body(equalTo("2"));
    }

    @Test
    void workspacesAreIsolated() {
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        String id = create(mine, "{\"key\":\"private\"}");
        in(theirs).get("/artifacts/" + id).then().statusCode(404);
        in(theirs).get("/artifacts/private/latest").then().statusCode(404);
        in(theirs).body("{\"data\":1}").patch("/artifacts/" + id).then().statusCode(404);
        in(theirs).delete("/artifacts/" + id).then().statusCode(404);
        in(theirs).post("/artifacts/filter").then().body("$", hasSize(0));
        in(theirs).post("/artifacts/latest/filter").then().body("$", hasSize(0));
        in(mine).get("/artifacts/" + id).then().statusCode(200).body("data", nullValue());
        in(mine).body("{\"artifacts\":{\"key\":{\"any_\":[\"private\"]}}}").post("/artifacts/latest/count").then().body(equalTo("1"));
    }

    @Test
    void collectionRootAnswersWithAndWithoutTrailingSlash() {
        UUID ws = UUID.randomUUID();
        in(ws).body("{}").post("/artifacts").then().statusCode(201);
        in(ws).body("{}").post("/artifacts/").then().statusCode(201);
        in(ws).post("/artifacts/count").then().body(equalTo("2"));
    }
}
