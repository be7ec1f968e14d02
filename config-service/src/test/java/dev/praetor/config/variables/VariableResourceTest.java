package dev.praetor.config.variables;

import static dev.praetor.config.Requests.in;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.praetor.config.ConfigTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ConfigTestProfile.class)
class VariableResourceTest {
    private static final String DATETIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?Z";

    static String create(UUID ws, String body) {
        return in(ws).body(body).post("/variables/").then().statusCode(201).extract().path("id");
    }

    @Test
    void createAnswers201WithEveryField() {
        UUID ws = UUID.randomUUID();
        in(ws).body("{\"name\":\"api_url\",\"value\":\"https://x\",\"tags\":[\"prod\"]}").post("/variables/").then()
                .statusCode(201)
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("created", matchesPattern(DATETIME))
                .body("updated", matchesPattern(DATETIME))
                .body("name", equalTo("api_url"))
                .body("value", equalTo("https://x"))
                .body("tags", contains("prod"));
    }

    @Test
    void valuesKeepTheirJsonType() {
        UUID ws = UUID.randomUUID();
        create(ws, "{\"name\":\"s\",\"value\":\"5\"}");
        create(ws, "{\"name\":\"n\",\"value\":5}");
        create(ws, "{\"name\":\"f\",\"value\":2.5}");
        create(ws, "{\"name\":\"b\",\"value\":true}");
        create(ws, "{\"name\":\"z\",\"value\":null}");
        create(ws, "{\"name\":\"o\",\"value\":{\"a\":[1,{\"b\":null}]}}");
        create(ws, "{\"name\":\"l\",\"value\":[1,\"two\"]}");
        in(ws).get("/variables/name/s").then().body("value", equalTo("5"));
        in(ws).get("/variables/name/n").then().body("value", equalTo(5));
        in(ws).get("/variables/name/f").then().body("value", equalTo(2.5f));
        in(ws).get("/variables/name/b").then().body("value", equalTo(true));
        in(ws).get("/variables/name/z").then().statusCode(200).body("value", nullValue()).body("tags", hasSize(0));
        in(ws).get("/variables/name/o").then().body("value.a[1].b", nullValue()).body("value.a[0]", equalTo(1));
        in(ws).get("/variables/name/l").then().body("value", equalTo(List.of(1, "two")));
    }

    @Test
    void readsByIdAndByName() {
        UUID ws = UUID.randomUUID();
        String id = create(ws, "{\"name\":\"by-id_and-name\",\"value\":1}");
        in(ws).get("/variables/" + id).then().statusCode(200).body("name", equalTo("by-id_and-name"));
        in(ws).get("/variables/name/by-id_and-name").then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void duplicateNameIs409WithPrefectsDetail() {
        UUID ws = UUID.randomUUID();
        create(ws, "{\"name\":\"taken\",\"value\":1}");
        in(ws).body("{\"name\":\"taken\",\"value\":2}").post("/variables/").then().statusCode(409)
                .body("detail", equalTo("A variable with the name 'taken' already exists."));
    }

    @Test
    void missingVariableIs404WithPrefectsDetail() {
        UUID ws = UUID.randomUUID();
        String missing = UUID.randomUUID().toString();
        in(ws).get("/variables/" + missing).then().statusCode(404).body("detail", equalTo("Variable not found."));
        in(ws).get("/variables/name/nope").then().statusCode(404).body("detail", equalTo("Variable not found."));
        in(ws).body("{\"value\":1}").patch("/variables/" + missing).then().statusCode(404).body("detail", equalTo("Variable not found."));
        in(ws).body("{\"value\":1}").patch("/variables/name/nope").then().statusCode(404);
        in(ws).delete("/variables/" + missing).then().statusCode(404).body("detail", equalTo("Variable not found."));
        in(ws).delete("/variables/name/nope").then().statusCode(404);
        in(ws).get("/variables/not-a-uuid").then().statusCode(404).body("detail", equalTo("Not Found"));
    }

    @Test
    void patchWritesOnlyTheKeysPresentAndNullValueIsWritten() {
        UUID ws = UUID.randomUUID();
        String id = create(ws, "{\"name\":\"patched\",\"value\":{\"a\":1},\"tags\":[\"t\"]}");
        in(ws).body("{\"value\":[2]}").patch("/variables/" + id).then().statusCode(204).body(equalTo(""));
        in(ws).get("/variables/" + id).then().body("value", equalTo(List.of(2))).body("tags", contains("t"));
        in(ws).body("{\"name\":\"patched\",\"value\":null,\"tags\":[]}").patch("/variables/name/patched").then().statusCode(204);
        in(ws).get("/variables/" + id).then().body("value", nullValue()).body("tags", hasSize(0));
        in(ws).body("{\"name\":\"renamed\"}").patch("/variables/" + id).then().statusCode(204);
        in(ws).get("/variables/name/renamed").then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void patchBumpsUpdated() {
        UUID ws = UUID.randomUUID();
        String id = create(ws, "{\"name\":\"bump\",\"value\":1}");
        String before = in(ws).get("/variables/" + id).then().extract().path("updated");
        in(ws).body("{\"value\":2}").patch("/variables/" + id).then().statusCode(204);
        in(ws).get("/variables/" + id).then().body("updated", not(equalTo(before)));
    }

    @Test
    void renameOntoATakenNameIsTheIntegrityConflict() {
        UUID ws = UUID.randomUUID();
        create(ws, "{\"name\":\"first\",\"value\":1}");
        String second = create(ws, "{\"name\":\"second\",\"value\":2}");
        in(ws).body("{\"name\":\"first\"}").patch("/variables/" + second).then().statusCode(409)
                .body("detail", equalTo("Data integrity conflict. This usually means a unique or foreign key constraint "
                        + "was violated. See server logs for details."));
        in(ws).body("{\"name\":null}").patch("/variables/" + second).then().statusCode(409);
    }

    @Test
    void deleteByIdAndByName() {
        UUID ws = UUID.randomUUID();
        String id = create(ws, "{\"name\":\"gone-by-id\",\"value\":1}");
        create(ws, "{\"name\":\"gone-by-name\",\"value\":1}");
        in(ws).delete("/variables/" + id).then().statusCode(204).body(equalTo(""));
        in(ws).delete("/variables/name/gone-by-name").then().statusCode(204);
        in(ws).post("/variables/count").then().body(equalTo("0"));
    }

    @Test
    void filterCountAndEverySort() {
        UUID ws = UUID.randomUUID();
        String b = create(ws, "{\"name\":\"b_var\",\"value\":1,\"tags\":[\"x\",\"y\"]}");
        String a = create(ws, "{\"name\":\"a_var\",\"value\":1,\"tags\":[\"x\"]}");
        String c = create(ws, "{\"name\":\"c-other\",\"value\":1}");
        in(ws).post("/variables/filter").then().statusCode(200).body("name", contains("a_var", "b_var", "c-other"));
        in(ws).body("{\"sort\":\"NAME_DESC\",\"limit\":2}").post("/variables/filter").then().body("id", contains(c, b));
        in(ws).body("{\"sort\":\"CREATED_DESC\"}").post("/variables/filter").then().body("id", contains(c, a, b));
        in(ws).body("{\"value\":2}").patch("/variables/" + b).then().statusCode(204);
        in(ws).body("{\"sort\":\"UPDATED_DESC\",\"limit\":1}").post("/variables/filter").then().body("id", contains(b));
        in(ws).body("{\"variables\":{\"tags\":{\"all_\":[\"x\",\"y\"]}}}").post("/variables/filter").then().body("id", contains(b));
        in(ws).body("{\"variables\":{\"tags\":{\"is_null_\":true}}}").post("/variables/filter").then().body("id", contains(c));
        in(ws).body("{\"variables\":{\"name\":{\"like_\":\"_VAR\"}}}").post("/variables/filter").then().body("id", contains(a, b));
        in(ws).body("{\"variables\":{\"operator\":\"or_\",\"id\":{\"any_\":[\"" + c + "\"]},\"name\":{\"any_\":[\"a_var\"]}}}")
                .post("/variables/filter").then().body("id", contains(a, c));
        in(ws).body("{\"variables\":{\"tags\":{\"all_\":[\"x\"]}},\"sort\":\"NAME_ASC\"}").post("/variables/count")
                .then().statusCode(200).body(equalTo("2"));
        in(ws).body("{\"variables\":null,\"sort\":\"BOGUS_IGNORED_BY_COUNT\"}").post("/variables/count").then().body(equalTo("3"));
    }

    @Test
    void workspacesAreIsolated() {
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        String id = create(mine, "{\"name\":\"private\",\"value\":1}");
        in(theirs).get("/variables/" + id).then().statusCode(404);
        in(theirs).get("/variables/name/private").then().statusCode(404);
        in(theirs).body("{\"value\":2}").patch("/variables/" + id).then().statusCode(404);
        in(theirs).delete("/variables/name/private").then().statusCode(404);
        in(theirs).post("/variables/filter").then().body("$", hasSize(0));
        // the same name is free in another workspace
        in(theirs).body("{\"name\":\"private\",\"value\":3}").post("/variables/").then().statusCode(201);
        in(mine).get("/variables/name/private").then().body("value", equalTo(1));
    }

    @Test
    void valueMayHoldANulCharacter() {
        UUID ws = UUID.randomUUID();
        create(ws, "{\"name\":\"nul\",\"value\":\"a\\u0000b\"}");
        in(ws).get("/variables/name/nul").then().body("value", equalTo("a\u0000b"));
    }
}
