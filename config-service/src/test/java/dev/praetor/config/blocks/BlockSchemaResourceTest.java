package dev.praetor.config.blocks;

import static dev.praetor.config.Requests.in;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.config.ConfigTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ConfigTestProfile.class)
class BlockSchemaResourceTest {

    @Test
    void checksumMatchesWhatTheClientComputesAndRegisteringTwiceAnswers200() {
        UUID ws = UUID.randomUUID();
        JsonNode secret = Blocks.systemBlock("secret");
        String typeId = in(ws).body(secret.get("block_type").toString()).post("/block_types/").then().statusCode(201)
                .extract().path("id");
        ObjectNode body = (ObjectNode) secret.get("block_schema").deepCopy();
        body.remove("checksum");
        body.put("block_type_id", typeId);
        String id = in(ws).body(body.toString()).post("/block_schemas/").then().statusCode(201)
                .body("checksum", equalTo(Blocks.SECRET_CHECKSUM))
                .body("version", equalTo("3.9.1"))
                .body("block_type_id", equalTo(typeId))
                .body("block_type.slug", equalTo("secret"))
                .body("capabilities", hasSize(0))
                .body("fields.secret_fields", contains("value", "value"))
                .body("fields.block_schema_references", equalTo(Map.of()))
                .extract().path("id");
        in(ws).body(body.toString()).post("/block_schemas/").then().statusCode(200).body("id", equalTo(id));
        in(ws).get("/block_schemas/checksum/" + Blocks.SECRET_CHECKSUM + "?version=3.9.1").then().statusCode(200)
                .body("id", equalTo(id));
        in(ws).get("/block_schemas/" + id).then().statusCode(200).body("checksum", equalTo(Blocks.SECRET_CHECKSUM));
    }

    @Test
    void aSchemaWithAnotherVersionIsAnotherRow() {
        UUID ws = UUID.randomUUID();
        String type = Blocks.createType(ws, "Versioned", "versioned");
        String v1 = Blocks.createSchema(ws, type, "{\"title\":\"V\"}", 201);
        String v2 = in(ws).body("{\"fields\":{\"title\":\"V\"},\"block_type_id\":\"" + type + "\",\"version\":\"2\"}")
                .post("/block_schemas/").then().statusCode(201).extract().path("id");
        in(ws).get("/block_schemas/checksum/" + checksumOf(ws, v1) + "?version=1").then().body("id", equalTo(v1));
        // without a version: the newest with that checksum
        in(ws).get("/block_schemas/checksum/" + checksumOf(ws, v1)).then().body("id", equalTo(v2));
        String unversioned = in(ws).body("{\"fields\":{\"title\":\"V\"},\"block_type_id\":\"" + type + "\"}")
                .post("/block_schemas/").then().statusCode(201).body("version", equalTo("non-versioned")).extract().path("id");
        in(ws).body("{}").post("/block_schemas/filter").then().body("id", contains(unversioned, v2, v1));
    }

    @Test
    void wrongChecksumsAndMissingTypesAre4xx() {
        UUID ws = UUID.randomUUID();
        String type = Blocks.createType(ws, "Checked", "checked");
        // the server computes the checksum: a client-sent one is an unknown key of the action model
        in(ws).body("{\"fields\":{},\"block_type_id\":\"" + type + "\",\"checksum\":\"sha256:wrong\"}")
                .post("/block_schemas/").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("extra_forbidden"))
                .body("exception_detail[0].loc", equalTo(List.of("body", "checksum")));
        in(ws).get("/block_schemas/checksum/sha256:wrong").then().statusCode(404)
                .body("detail", equalTo("Block schema not found"));
        String missingType = UUID.randomUUID().toString();
        in(ws).body("{\"fields\":{},\"block_type_id\":\"" + missingType + "\"}").post("/block_schemas/").then()
                .statusCode(404).body("detail", equalTo("Block type " + missingType + " not found."));
        in(ws).body("{\"fields\":[]}").post("/block_schemas/").then().statusCode(422);
        in(ws).get("/block_schemas/" + UUID.randomUUID()).then().statusCode(404).body("detail", equalTo("Block schema not found"));
        in(ws).delete("/block_schemas/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void nestedBlocksAreLinkedAndRebuiltOnRead() {
        UUID ws = UUID.randomUUID();
        String[] ids = Blocks.registerNested(ws);
        in(ws).get("/block_schemas/" + ids[3]).then().statusCode(200)
                .body("checksum", equalTo(Blocks.OUTER_CHECKSUM))
                .body("fields.block_schema_references.inner.block_schema_checksum", equalTo(Blocks.INNER_CHECKSUM))
                .body("fields.block_schema_references.inner.block_type_slug", equalTo("praetor-inner"))
                .body("fields.definitions.Inner.title", equalTo("Inner"))
                .body("fields.definitions.Inner.secret_fields", contains("token"))
                .body("fields.definitions.Inner.block_schema_references", equalTo(Map.of()))
                .body("fields.secret_fields", contains("inner.token"));
        in(ws).get("/block_schemas/" + ids[1]).then().body("fields", not(hasKey("definitions")));
    }

    @Test
    void aNestedBlockNotYetRegisteredIsRegisteredFromTheDefinitions() {
        UUID ws = UUID.randomUUID();
        Blocks.createType(ws, "Inner", "praetor-inner");
        String outerType = Blocks.createType(ws, "Outer", "praetor-outer");
        Blocks.createSchema(ws, outerType, Blocks.OUTER_FIELDS, 201);
        in(ws).get("/block_schemas/checksum/" + Blocks.INNER_CHECKSUM).then().statusCode(200)
                .body("version", equalTo("non-versioned")).body("block_type.slug", equalTo("praetor-inner"));
    }

    @Test
    void aNestedBlockOfAnUnknownTypeIsAConflict() {
        UUID ws = UUID.randomUUID();
        String outerType = Blocks.createType(ws, "Outer", "praetor-outer");
        in(ws).body("{\"fields\":" + Blocks.OUTER_FIELDS + ",\"block_type_id\":\"" + outerType + "\"}")
                .post("/block_schemas/").then().statusCode(409)
                .body("detail", equalTo("Cannot create block schema because block type 'praetor-inner' was not found."
                        + "Did you forget to register the block type?"));
        in(ws).body("{}").post("/block_schemas/filter").then().body("$", hasSize(0));
    }

    @Test
    void filterByTypeCapabilitiesAndVersion() {
        UUID ws = UUID.randomUUID();
        String storage = Blocks.createType(ws, "Storage", "storage");
        String other = Blocks.createType(ws, "Other", "other");
        String both = in(ws).body("{\"fields\":{\"title\":\"a\"},\"block_type_id\":\"" + storage
                + "\",\"capabilities\":[\"read-path\",\"write-path\"],\"version\":\"2\"}").post("/block_schemas/").then()
                .statusCode(201).extract().path("id");
        String read = in(ws).body("{\"fields\":{\"title\":\"b\"},\"block_type_id\":\"" + other
                + "\",\"capabilities\":[\"read-path\"]}").post("/block_schemas/").then().statusCode(201).extract().path("id");
        in(ws).body("{\"block_schemas\":{\"block_capabilities\":{\"all_\":[\"read-path\"]}}}").post("/block_schemas/filter")
                .then().body("id", contains(read, both));
        in(ws).body("{\"block_schemas\":{\"block_capabilities\":{\"all_\":[\"read-path\",\"write-path\"]}}}")
                .post("/block_schemas/filter").then().body("id", contains(both));
        in(ws).body("{\"block_schemas\":{\"block_type_id\":{\"any_\":[\"" + other + "\"]}}}").post("/block_schemas/filter")
                .then().body("id", contains(read));
        in(ws).body("{\"block_schemas\":{\"version\":{\"any_\":[\"2\"]}}}").post("/block_schemas/filter")
                .then().body("id", contains(both));
        in(ws).get("/block_capabilities/").then().statusCode(200).body("$", containsInAnyOrder("read-path", "write-path"));
        in(ws).get("/block_capabilities").then().statusCode(200);
    }

    @Test
    void deleteAnswers204() {
        UUID ws = UUID.randomUUID();
        String type = Blocks.createType(ws, "Deletable", "deletable");
        String schema = Blocks.createSchema(ws, type, "{}", 201);
        in(ws).delete("/block_schemas/" + schema).then().statusCode(204).body(equalTo(""));
        in(ws).get("/block_schemas/" + schema).then().statusCode(404);
    }

    @Test
    void workspacesAreIsolated() {
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        String type = Blocks.createType(mine, "Mine", "mine");
        String schema = Blocks.createSchema(mine, type, "{\"title\":\"mine\"}", 201);
        String checksum = checksumOf(mine, schema);
        in(theirs).get("/block_schemas/" + schema).then().statusCode(404);
        in(theirs).get("/block_schemas/checksum/" + checksum).then().statusCode(404);
        in(theirs).body("{\"fields\":{},\"block_type_id\":\"" + type + "\"}").post("/block_schemas/").then().statusCode(404);
        in(theirs).body("{}").post("/block_schemas/filter").then().body("$", hasSize(0));
        in(theirs).get("/block_capabilities/").then().body("$", hasSize(0));
    }

    private static String checksumOf(UUID ws, String schemaId) {
        return in(ws).get("/block_schemas/" + schemaId).then().extract().path("checksum");
    }
}
