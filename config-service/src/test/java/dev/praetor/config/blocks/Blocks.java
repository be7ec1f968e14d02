package dev.praetor.config.blocks;

import static dev.praetor.config.Requests.in;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;

/** Block fixtures: the client's own descriptions of Secret and Webhook, and two nested test blocks. */
public final class Blocks {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    /** What the Prefect 3.9.1 client computes for its Secret block. */
    public static final String SECRET_CHECKSUM = "sha256:c078ed9c1e813e224c0b353d7ad4564a11d51d3198d9ac0686478165a1911c78";
    /** {@code class Inner(Block): x: int = 1; token: SecretStr}, slug praetor-inner, as the client describes it. */
    public static final String INNER_FIELDS = "{\"block_schema_references\": {}, \"block_type_slug\": \"praetor-inner\", "
            + "\"properties\": {\"x\": {\"default\": 1, \"title\": \"X\", \"type\": \"integer\", \"position\": 0}, "
            + "\"token\": {\"format\": \"password\", \"title\": \"Token\", \"type\": \"string\", \"writeOnly\": true, "
            + "\"position\": 1}}, \"required\": [\"token\"], \"secret_fields\": [\"token\"], \"title\": \"Inner\", "
            + "\"type\": \"object\"}";
    public static final String INNER_CHECKSUM = "sha256:06be16ebe74069d888e59254abdc924e1770cd6b009c5cb91b3baf060d31224d";
    /** {@code class Outer(Block): inner: Inner; label: str = "l"; headers: dict = {}}, slug praetor-outer. */
    public static final String OUTER_FIELDS = "{\"block_schema_references\": {\"inner\": {\"block_schema_checksum\": \""
            + INNER_CHECKSUM + "\", \"block_type_slug\": \"praetor-inner\"}}, \"block_type_slug\": \"praetor-outer\", "
            + "\"properties\": {\"inner\": {\"$ref\": \"#/definitions/Inner\", \"position\": 0}, \"label\": {\"default\": "
            + "\"l\", \"title\": \"Label\", \"type\": \"string\", \"position\": 1}, \"headers\": {\"default\": {}, "
            + "\"title\": \"Headers\", \"type\": \"object\", \"position\": 2}}, \"required\": [\"inner\"], "
            + "\"secret_fields\": [\"inner.token\"], \"title\": \"Outer\", \"type\": \"object\", \"definitions\": "
            + "{\"Inner\": " + INNER_FIELDS + "}}";
    public static final String OUTER_CHECKSUM = "sha256:be45687f1f28d3d0c7177f5fa73d2d21e5fee5a40992259d2386190e972f1813";

    private Blocks() {
    }

    /** The catalog entry of a system block ({@code block_type} and {@code block_schema}). */
    public static JsonNode systemBlock(String slug) {
        try (InputStream catalog = Blocks.class.getResourceAsStream("/system-block-types.json")) {
            for (JsonNode block : MAPPER.readTree(catalog).get("blocks")) {
                if (block.get("block_type").get("slug").textValue().equals(slug)) {
                    return block;
                }
            }
            throw new IllegalArgumentException(slug);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String createType(UUID ws, String name, String slug) {
        return in(ws).body("{\"name\":\"" + name + "\",\"slug\":\"" + slug + "\"}").post("/block_types/").then()
                .statusCode(201).extract().path("id");
    }

    public static String createSchema(UUID ws, String typeId, String fields, int status) {
        return in(ws).body("{\"fields\":" + fields + ",\"block_type_id\":\"" + typeId + "\",\"capabilities\":[],"
                + "\"version\":\"1\"}").post("/block_schemas/").then().statusCode(status).extract().path("id");
    }

    /** Registers a system block's type and schema as the client does; returns {type id, schema id}. */
    public static String[] register(UUID ws, String slug) {
        JsonNode block = systemBlock(slug);
        String typeId = in(ws).body(block.get("block_type").toString()).post("/block_types/").then().statusCode(201)
                .extract().path("id");
        ObjectNode schema = (ObjectNode) block.get("block_schema").deepCopy();
        schema.remove("checksum");
        schema.put("block_type_id", typeId);
        String schemaId = in(ws).body(schema.toString()).post("/block_schemas/").then().statusCode(201).extract().path("id");
        return new String[] {typeId, schemaId};
    }

    /** Registers the nested test blocks (Inner, then Outer); returns {inner type, inner schema, outer type, outer schema}. */
    public static String[] registerNested(UUID ws) {
        String innerType = createType(ws, "Inner", "praetor-inner");
        String innerSchema = createSchema(ws, innerType, INNER_FIELDS, 201);
        String outerType = createType(ws, "Outer", "praetor-outer");
        String outerSchema = createSchema(ws, outerType, OUTER_FIELDS, 201);
        return new String[] {innerType, innerSchema, outerType, outerSchema};
    }
}
