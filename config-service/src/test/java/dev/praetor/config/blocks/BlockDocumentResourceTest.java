package dev.praetor.config.blocks;

import static dev.praetor.config.Requests.in;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.praetor.config.ConfigTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ConfigTestProfile.class)
class BlockDocumentResourceTest {
    private static final String OBFUSCATED = "********";

    private static String create(UUID ws, String[] typeAndSchema, String name, String data) {
        return in(ws).body("{\"name\":" + (name == null ? "null" : "\"" + name + "\"") + ",\"data\":" + data
                + ",\"block_schema_id\":\"" + typeAndSchema[1] + "\",\"block_type_id\":\"" + typeAndSchema[0] + "\"}")
                .post("/block_documents/").then().statusCode(201).extract().path("id");
    }

    @Test
    void secretsAreObfuscatedUnlessAskedFor() {
        UUID ws = UUID.randomUUID();
        String[] secret = Blocks.register(ws, "secret");
        String id = in(ws).body("{\"name\":\"db-password\",\"data\":{\"value\":\"s3cr3t\"},\"block_schema_id\":\""
                + secret[1] + "\",\"block_type_id\":\"" + secret[0] + "\",\"is_anonymous\":false}")
                .post("/block_documents/").then().statusCode(201)
                .body("name", equalTo("db-password"))
                .body("data.value", equalTo(OBFUSCATED))
                .body("block_type_name", equalTo("Secret"))
                .body("block_type.slug", equalTo("secret"))
                .body("block_schema.checksum", equalTo(Blocks.SECRET_CHECKSUM))
                .body("block_document_references", equalTo(Map.of()))
                .body("is_anonymous", equalTo(false))
                .extract().path("id");
        in(ws).get("/block_documents/" + id).then().statusCode(200).body("data.value", equalTo(OBFUSCATED));
        in(ws).get("/block_documents/" + id + "?include_secrets=true").then().body("data.value", equalTo("s3cr3t"));
        in(ws).get("/block_types/slug/secret/block_documents/name/db-password?include_secrets=true").then().statusCode(200)
                .body("id", equalTo(id)).body("data.value", equalTo("s3cr3t"));
        in(ws).get("/block_types/slug/secret/block_documents/name/db-password").then().body("data.value", equalTo(OBFUSCATED));
        in(ws).get("/block_types/slug/secret/block_documents?include_secrets=1").then().body("data.value", contains("s3cr3t"));
        in(ws).body("{\"include_secrets\":true}").post("/block_documents/filter").then().body("data.value", contains("s3cr3t"));
        in(ws).post("/block_documents/filter").then().body("data.value", contains(OBFUSCATED));
        in(ws).get("/block_documents/" + id + "?include_secrets=maybe").then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("query", "include_secrets")));
    }

    @Test
    void wildcardSecretFieldsObfuscateEverythingBelow() {
        UUID ws = UUID.randomUUID();
        String[] webhook = Blocks.register(ws, "webhook");
        String id = create(ws, webhook, "hook", "{\"method\":\"POST\",\"url\":\"https://hooks.example/x\","
                + "\"headers\":{\"auth\":\"token\",\"nested\":{\"deep\":\"v\"},\"nothing\":null},\"verify\":true}");
        in(ws).get("/block_documents/" + id).then()
                .body("data.url", equalTo(OBFUSCATED))
                .body("data.headers.auth", equalTo(OBFUSCATED))
                .body("data.headers.nested.deep", equalTo(OBFUSCATED))
                .body("data.headers.nothing", equalTo(OBFUSCATED))
                .body("data.method", equalTo("POST"))
                .body("data.verify", equalTo(true));
    }

    @Test
    void duplicateNameWithinATypeIs409() {
        UUID ws = UUID.randomUUID();
        String[] secret = Blocks.register(ws, "secret");
        create(ws, secret, "dup", "{\"value\":\"a\"}");
        in(ws).body("{\"name\":\"dup\",\"data\":{\"value\":\"b\"},\"block_schema_id\":\"" + secret[1]
                + "\",\"block_type_id\":\"" + secret[0] + "\"}").post("/block_documents/").then().statusCode(409)
                .body("detail", equalTo("Block already exists"));
    }

    @Test
    void namesAreRequiredUnlessAnonymousAndFollowTheSlugRule() {
        UUID ws = UUID.randomUUID();
        String[] secret = Blocks.register(ws, "secret");
        String ids = "\"block_schema_id\":\"" + secret[1] + "\",\"block_type_id\":\"" + secret[0] + "\"";
        in(ws).body("{\"data\":{}," + ids + "}").post("/block_documents/").then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body")))
                .body("exception_detail[0].msg", equalTo("Value error, Names must be provided for block documents."));
        in(ws).body("{\"name\":\"Bad Name\",\"data\":{}," + ids + "}").post("/block_documents/").then().statusCode(422)
                .body("exception_detail[0].msg",
                        equalTo("Value error, Block document name must only contain lowercase letters, numbers, and dashes."));
        in(ws).body("{\"name\":\"a/b\",\"data\":{}," + ids + "}").post("/block_documents/").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("string_pattern_mismatch"));
    }

    @Test
    void anonymousDocumentsGetANameAndAreHiddenByDefault() {
        UUID ws = UUID.randomUUID();
        String[] secret = Blocks.register(ws, "secret");
        create(ws, secret, "named", "{\"value\":\"a\"}");
        String anonymous = in(ws).body("{\"data\":{\"value\":\"b\"},\"block_schema_id\":\"" + secret[1]
                + "\",\"block_type_id\":\"" + secret[0] + "\",\"is_anonymous\":true}").post("/block_documents/").then()
                .statusCode(201).body("name", startsWith("anonymous-")).body("is_anonymous", equalTo(true))
                .extract().path("id");
        in(ws).post("/block_documents/filter").then().body("name", contains("named"));
        in(ws).post("/block_documents/count").then().body(equalTo("1"));
        in(ws).body("{\"block_documents\":{\"name\":{\"like_\":\"e\"}}}").post("/block_documents/count").then().body(equalTo("1"));
        in(ws).body("{\"block_documents\":{\"is_anonymous\":null}}").post("/block_documents/count").then().body(equalTo("2"));
        in(ws).body("{\"block_documents\":{\"is_anonymous\":{\"eq_\":true}}}").post("/block_documents/filter").then()
                .body("id", contains(anonymous));
        in(ws).get("/block_types/slug/secret/block_documents").then().body("name", contains("named"));
        in(ws).get("/block_documents/" + anonymous).then().statusCode(200);
    }

    @Test
    void patchMergesKeepsPostedBackSecretsAndCanReplace() {
        UUID ws = UUID.randomUUID();
        String[] webhook = Blocks.register(ws, "webhook");
        String id = create(ws, webhook, "patched", "{\"url\":\"https://old\",\"method\":\"GET\",\"headers\":{\"k\":\"v\"}}");
        // what the client posts back after reading without secrets: obfuscated values are not written
        in(ws).body("{\"data\":{\"url\":\"" + OBFUSCATED + "\",\"headers\":{\"k\":\"" + OBFUSCATED + "\"},\"method\":\"PUT\"}}")
                .patch("/block_documents/" + id).then().statusCode(204).body(equalTo(""));
        in(ws).get("/block_documents/" + id + "?include_secrets=true").then()
                .body("data.url", equalTo("https://old")).body("data.headers.k", equalTo("v")).body("data.method", equalTo("PUT"));
        in(ws).body("{\"data\":{\"url\":\"https://new\"}}").patch("/block_documents/" + id).then().statusCode(204);
        in(ws).get("/block_documents/" + id + "?include_secrets=true").then()
                .body("data.url", equalTo("https://new")).body("data.method", equalTo("PUT"));
        in(ws).body("{\"data\":{\"url\":\"https://only\"},\"merge_existing_data\":false}").patch("/block_documents/" + id)
                .then().statusCode(204);
        in(ws).get("/block_documents/" + id + "?include_secrets=true").then()
                .body("data", equalTo(Map.of("url", "https://only")));
        in(ws).body("{\"data\":null}").patch("/block_documents/" + id).then().statusCode(422);
    }

    @Test
    void documentsMoveOnlyToSchemasOfTheirType() {
        UUID ws = UUID.randomUUID();
        String[] secret = Blocks.register(ws, "secret");
        String id = create(ws, secret, "movable", "{\"value\":\"v\"}");
        String sameType = Blocks.createSchema(ws, secret[0], "{\"title\":\"Secret v2\",\"secret_fields\":[]}", 201);
        String otherType = Blocks.createSchema(ws, Blocks.createType(ws, "Else", "else"), "{}", 201);
        in(ws).body("{\"block_schema_id\":\"" + otherType + "\",\"data\":{}}").patch("/block_documents/" + id).then()
                .statusCode(400).body("detail", equalTo("Must migrate block document to a block schema of the same block type."));
        in(ws).body("{\"block_schema_id\":\"" + sameType + "\",\"data\":{}}").patch("/block_documents/" + id).then()
                .statusCode(204);
        // the new schema has no secret fields
        in(ws).get("/block_documents/" + id).then().body("block_schema_id", equalTo(sameType)).body("data.value", equalTo("v"));
    }

    @Test
    void referencedDocumentsAreInlinedWithTheirOwnSecretsHidden() {
        UUID ws = UUID.randomUUID();
        String[] ids = Blocks.registerNested(ws);
        String[] inner = {ids[0], ids[1]};
        String[] outer = {ids[2], ids[3]};
        String innerId = create(ws, inner, "inner-doc", "{\"x\":2,\"token\":\"hidden\"}");
        String outerId = create(ws, outer, "outer-doc",
                "{\"label\":\"o\",\"inner\":{\"$ref\":{\"block_document_id\":\"" + innerId + "\"}}}");
        in(ws).get("/block_documents/" + outerId).then().statusCode(200)
                .body("data.label", equalTo("o"))
                .body("data.inner.x", equalTo(2))
                .body("data.inner.token", equalTo(OBFUSCATED))
                .body("block_document_references.inner.block_document.id", equalTo(innerId))
                .body("block_document_references.inner.block_document.name", equalTo("inner-doc"))
                .body("block_document_references.inner.block_document.block_type.slug", equalTo("praetor-inner"))
                .body("block_document_references.inner.block_document.is_anonymous", equalTo(false))
                .body("block_document_references.inner.block_document.block_document_references", equalTo(Map.of()))
                .body("block_schema.fields.definitions.Inner.title", equalTo("Inner"));
        in(ws).get("/block_documents/" + outerId + "?include_secrets=true").then().body("data.inner.token", equalTo("hidden"));
        // inline (not referenced) nested data is hidden by the parent's dotted secret path
        String inline = create(ws, outer, "inline-doc", "{\"inner\":{\"x\":1,\"token\":\"t\"}}");
        in(ws).get("/block_documents/" + inline).then().body("data.inner.token", equalTo(OBFUSCATED))
                .body("block_document_references", equalTo(Map.of()));
        // an update that no longer names the reference drops it
        in(ws).body("{\"data\":{\"inner\":{\"x\":3,\"token\":\"own\"}},\"merge_existing_data\":false}")
                .patch("/block_documents/" + outerId).then().statusCode(204);
        in(ws).get("/block_documents/" + outerId + "?include_secrets=true").then()
                .body("data.inner.token", equalTo("own")).body("block_document_references", equalTo(Map.of()));
    }

    @Test
    void badReferencesAreRefused() {
        UUID ws = UUID.randomUUID();
        String[] ids = Blocks.registerNested(ws);
        String[] outer = {ids[2], ids[3]};
        String body = "{\"name\":\"bad\",\"block_schema_id\":\"" + outer[1] + "\",\"block_type_id\":\"" + outer[0] + "\",";
        in(ws).body(body + "\"data\":{\"inner\":{\"$ref\":{}}}}").post("/block_documents/").then().statusCode(400)
                .body("detail", equalTo("Received block reference without a block_document_id in key inner"));
        in(ws).body(body + "\"data\":{\"inner\":{\"$ref\":{\"block_document_id\":\"" + UUID.randomUUID() + "\"}}}}")
                .post("/block_documents/").then().statusCode(409);
        String self = create(ws, outer, "self", "{}");
        in(ws).body("{\"data\":{\"inner\":{\"$ref\":{\"block_document_id\":\"" + self + "\"}}}}")
                .patch("/block_documents/" + self).then().statusCode(400)
                .body("detail", startsWith("Cannot create block document reference: it would introduce a cycle"));
    }

    @Test
    void filterSortsAndFiltersByTypeAndSchema() {
        UUID ws = UUID.randomUUID();
        String[] secret = Blocks.register(ws, "secret");
        String[] webhook = Blocks.register(ws, "webhook");
        String b = create(ws, secret, "b-secret", "{\"value\":\"1\"}");
        String a = create(ws, webhook, "a-hook", "{\"url\":\"u\"}");
        String c = create(ws, secret, "c-secret", "{\"value\":\"2\"}");
        in(ws).post("/block_documents/filter").then().statusCode(200).body("id", contains(a, b, c));
        in(ws).body("{\"sort\":\"NAME_DESC\",\"limit\":2}").post("/block_documents/filter").then().body("id", contains(c, b));
        in(ws).body("{\"sort\":\"BLOCK_TYPE_AND_NAME_ASC\"}").post("/block_documents/filter").then().body("id", contains(b, c, a));
        in(ws).body("{\"block_types\":{\"slug\":{\"any_\":[\"webhook\"]}}}").post("/block_documents/filter").then()
                .body("id", contains(a));
        in(ws).body("{\"block_schemas\":{\"id\":{\"any_\":[\"" + secret[1] + "\"]}},\"offset\":1}").post("/block_documents/filter")
                .then().body("id", contains(c));
        in(ws).body("{\"block_documents\":{\"block_type_id\":{\"any_\":[\"" + secret[0] + "\"]},\"name\":{\"any_\":[\"c-secret\"]}}}")
                .post("/block_documents/count").then().body(equalTo("1"));
        in(ws).body("{\"sort\":null,\"limit\":null,\"offset\":null,\"block_documents\":null}").post("/block_documents/filter")
                .then().body("$", hasSize(3));
    }

    @Test
    void deleteAnswers204ThenTheDocumentIsGone() {
        UUID ws = UUID.randomUUID();
        String[] secret = Blocks.register(ws, "secret");
        String id = create(ws, secret, "doomed", "{\"value\":\"x\"}");
        in(ws).delete("/block_documents/" + id).then().statusCode(204).body(equalTo(""));
        in(ws).get("/block_documents/" + id).then().statusCode(404).body("detail", equalTo("Block document not found"));
        in(ws).delete("/block_documents/" + id).then().statusCode(404);
        in(ws).body("{\"data\":{}}").patch("/block_documents/" + id).then().statusCode(404);
    }

    @Test
    void missingTypeOrSchemaIsTheIntegrityConflict() {
        UUID ws = UUID.randomUUID();
        String[] secret = Blocks.register(ws, "secret");
        in(ws).body("{\"name\":\"x\",\"data\":{},\"block_schema_id\":\"" + UUID.randomUUID() + "\",\"block_type_id\":\""
                + secret[0] + "\"}").post("/block_documents/").then().statusCode(409);
        in(ws).body("{\"name\":\"x\",\"data\":{},\"block_schema_id\":\"" + secret[1] + "\",\"block_type_id\":\""
                + UUID.randomUUID() + "\"}").post("/block_documents/").then().statusCode(409);
    }

    @Test
    void workspacesAreIsolated() {
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        String[] secret = Blocks.register(mine, "secret");
        String id = create(mine, secret, "private", "{\"value\":\"mine\"}");
        in(theirs).get("/block_documents/" + id).then().statusCode(404);
        in(theirs).get("/block_types/slug/secret/block_documents/name/private").then().statusCode(404);
        in(theirs).body("{\"data\":{}}").patch("/block_documents/" + id).then().statusCode(404);
        in(theirs).delete("/block_documents/" + id).then().statusCode(404);
        in(theirs).post("/block_documents/filter").then().body("$", hasSize(0));
        // neither my type nor my documents can be used from another workspace
        in(theirs).body("{\"name\":\"steal\",\"data\":{},\"block_schema_id\":\"" + secret[1] + "\",\"block_type_id\":\""
                + secret[0] + "\"}").post("/block_documents/").then().statusCode(409);
        String[] theirSecret = Blocks.register(theirs, "secret");
        in(theirs).body("{\"name\":\"ref\",\"data\":{\"value\":{\"$ref\":{\"block_document_id\":\"" + id + "\"}}},"
                + "\"block_schema_id\":\"" + theirSecret[1] + "\",\"block_type_id\":\"" + theirSecret[0] + "\"}")
                .post("/block_documents/").then().statusCode(409);
        in(mine).get("/block_documents/" + id + "?include_secrets=true").then().body("data.value", equalTo("mine"))
                .body("name", not(nullValue()));
    }
}
