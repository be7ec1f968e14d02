package dev.praetor.config.blocks;

import static dev.praetor.config.Requests.in;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
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
class BlockTypeResourceTest {

    @Test
    void createReadBySlugAndById() {
        UUID ws = UUID.randomUUID();
        String id = in(ws).body("{\"name\":\"My Block\",\"slug\":\"my-block\",\"logo_url\":\"https://l\","
                + "\"description\":\"a <b> & c\",\"code_example\":\"x > 1\"}").post("/block_types/").then()
                .statusCode(201)
                .body("name", equalTo("My Block")).body("slug", equalTo("my-block"))
                .body("logo_url", equalTo("https://l")).body("documentation_url", nullValue())
                .body("description", equalTo("a &lt;b&gt; &amp; c")).body("code_example", equalTo("x &gt; 1"))
                .body("is_protected", equalTo(false))
                .extract().path("id");
        in(ws).get("/block_types/slug/my-block").then().statusCode(200).body("id", equalTo(id));
        in(ws).get("/block_types/" + id).then().statusCode(200).body("slug", equalTo("my-block"));
    }

    @Test
    void prefectNamesAreReservedAndSlugsAreUnique() {
        UUID ws = UUID.randomUUID();
        in(ws).body("{\"name\":\"prefectish\",\"slug\":\"p\"}").post("/block_types/").then().statusCode(403)
                .body("detail", equalTo("Block type names beginning with 'Prefect' are reserved."));
        Blocks.createType(ws, "Taken", "taken");
        in(ws).body("{\"name\":\"Other Name\",\"slug\":\"taken\"}").post("/block_types/").then().statusCode(409)
                .body("detail", equalTo("Block type with name \"Other Name\" already exists"));
        in(ws).body("{\"name\":\"Bad Slug\",\"slug\":\"Bad Slug\"}").post("/block_types/").then().statusCode(422)
                .body("exception_detail[0].msg",
                        equalTo("Value error, Block type slug must only contain lowercase letters, numbers, and dashes."));
    }

    @Test
    void missingTypeIs404() {
        UUID ws = UUID.randomUUID();
        in(ws).get("/block_types/" + UUID.randomUUID()).then().statusCode(404).body("detail", equalTo("Block type not found"));
        in(ws).get("/block_types/slug/nope").then().statusCode(404).body("detail", equalTo("Block type not found"));
        in(ws).get("/block_types/slug/nope/block_documents").then().statusCode(404)
                .body("detail", equalTo("Block type not found"));
        in(ws).get("/block_types/slug/nope/block_documents/name/x").then().statusCode(404)
                .body("detail", equalTo("Block document not found"));
        in(ws).body("{}").patch("/block_types/" + UUID.randomUUID()).then().statusCode(404);
        in(ws).delete("/block_types/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void patchWritesThePresentKeys() {
        UUID ws = UUID.randomUUID();
        String id = in(ws).body("{\"name\":\"Patchable\",\"slug\":\"patchable\",\"description\":\"d\",\"logo_url\":\"l\"}")
                .post("/block_types/").then().statusCode(201).extract().path("id");
        in(ws).body("{\"description\":\"new\",\"logo_url\":null}").patch("/block_types/" + id).then().statusCode(204)
                .body(equalTo(""));
        in(ws).get("/block_types/" + id).then().body("description", equalTo("new")).body("logo_url", nullValue())
                .body("name", equalTo("Patchable"));
        in(ws).body("{\"name\":\"renamed\"}").patch("/block_types/" + id).then().statusCode(422);
    }

    @Test
    void filterByNameAndSlugInNameOrder() {
        UUID ws = UUID.randomUUID();
        Blocks.createType(ws, "Zeta", "zeta");
        Blocks.createType(ws, "Alpha Store", "alpha");
        Blocks.createType(ws, "Beta Store", "beta");
        in(ws).post("/block_types/filter").then().statusCode(200).body("name", contains("Alpha Store", "Beta Store", "Zeta"));
        in(ws).body("{\"block_types\":{\"name\":{\"like_\":\"store\"}},\"limit\":1,\"offset\":1}").post("/block_types/filter")
                .then().body("slug", contains("beta"));
        in(ws).body("{\"block_types\":{\"slug\":{\"any_\":[\"zeta\",\"alpha\"]}}}").post("/block_types/filter")
                .then().body("slug", contains("alpha", "zeta"));
        in(ws).body("{\"block_types\":{\"operator\":\"and_\"}}").post("/block_types/filter").then().statusCode(422);
    }

    @Test
    void filterByTheirSchemas() {
        UUID ws = UUID.randomUUID();
        String withSchema = Blocks.createType(ws, "Has Schema", "has-schema");
        Blocks.createType(ws, "No Schema", "no-schema");
        in(ws).body("{\"fields\":{},\"block_type_id\":\"" + withSchema + "\",\"capabilities\":[\"read-path\"]}")
                .post("/block_schemas/").then().statusCode(201);
        in(ws).body("{\"block_schemas\":{\"block_capabilities\":{\"all_\":[\"read-path\"]}}}").post("/block_types/filter")
                .then().body("slug", contains("has-schema"));
    }

    @Test
    void protectedSystemTypesAreInstalledAndCannotBeDeleted() {
        UUID ws = UUID.randomUUID();
        in(ws).post("/block_types/install_system_block_types").then().statusCode(200).body(equalTo("null"));
        in(ws).post("/block_types/install_system_block_types").then().statusCode(200);
        in(ws).post("/block_types/filter").then().body("slug", contains("local-file-system", "secret", "webhook"))
                .body("is_protected", contains(true, true, true));
        String secret = in(ws).get("/block_types/slug/secret").then().extract().path("id");
        in(ws).delete("/block_types/" + secret).then().statusCode(403)
                .body("detail", equalTo("protected block types cannot be deleted."));
        in(ws).get("/block_schemas/checksum/" + Blocks.SECRET_CHECKSUM + "?version=3.9.1").then().statusCode(200)
                .body("block_type.slug", equalTo("secret"));
        String schema = in(ws).get("/block_schemas/checksum/" + Blocks.SECRET_CHECKSUM).then().extract().path("id");
        in(ws).delete("/block_schemas/" + schema).then().statusCode(403)
                .body("detail", equalTo("Block schemas for protected block types cannot be deleted."));
        in(ws).body("{}").post("/block_schemas/filter").then().body("$", hasSize(3));
    }

    @Test
    void deletingATypeDeletesItsSchemasAndDocuments() {
        UUID ws = UUID.randomUUID();
        String type = Blocks.createType(ws, "Doomed", "doomed");
        String schema = Blocks.createSchema(ws, type, "{\"title\":\"Doomed\"}", 201);
        in(ws).body("{\"name\":\"d\",\"data\":{},\"block_schema_id\":\"" + schema + "\",\"block_type_id\":\"" + type + "\"}")
                .post("/block_documents/").then().statusCode(201);
        in(ws).delete("/block_types/" + type).then().statusCode(204).body(equalTo(""));
        in(ws).get("/block_schemas/" + schema).then().statusCode(404);
        in(ws).post("/block_documents/count").then().body(equalTo("0"));
    }

    @Test
    void workspacesAreIsolated() {
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        String id = Blocks.createType(mine, "Private", "private");
        in(theirs).get("/block_types/" + id).then().statusCode(404);
        in(theirs).get("/block_types/slug/private").then().statusCode(404);
        in(theirs).delete("/block_types/" + id).then().statusCode(404);
        in(theirs).post("/block_types/filter").then().body("$", hasSize(0));
        // the same slug is free in another workspace
        in(theirs).body("{\"name\":\"Private\",\"slug\":\"private\"}").post("/block_types/").then().statusCode(201)
                .body("id", not(equalTo(id)));
        in(mine).post("/block_types/filter").then().body("id", containsInAnyOrder(List.of(id).toArray()));
    }
}
