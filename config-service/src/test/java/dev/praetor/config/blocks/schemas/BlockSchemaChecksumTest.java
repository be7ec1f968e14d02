package dev.praetor.config.blocks.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checksums computed by the real Prefect client (3.9.1): {@code Block._calculate_schema_checksum(json.loads(fields))}.
 */
class BlockSchemaChecksumTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{}|sha256:f8e6e96abbc38504d4e9c99fc57281fa0026bede1fa42db79f22f984501710f4",
        "`{\"title\": \"Caf\\u00e9 \\u2615 \\ud834\\udd1e\", \"description\": \"tab\\tnewline\\nquote\\\"backslash\\\\ del\\u007f nul\\u0000 bell\\u0007 slash/ cr\\r ff\\f bs\\b\"}`"
                + "|sha256:18b7b1f960e6ad43a3b34c1737922149151d68029c7db933d2221a840e8b8f51",
        "`{\"a\": 1.0, \"b\": 0.1, \"c\": 1e16, \"d\": 1e-5, \"e\": 123456789.123, \"f\": -0.0, \"g\": 1e22, \"h\": 5e-324, \"i\": 1.7976931348623157e308, \"j\": 0.0001, \"k\": 100.0, \"l\": 2.5e-7, \"m\": 1e15, \"n\": 2.82879384806159e17, \"o\": 1.18575755e-316, \"p\": 1E2, \"q\": 123456789012345680000.0}`"
                + "|sha256:bf8f5231c39505e05d7d820fc4c82ab1712054f39a6d21f4e1d0f51937f06237",
        "`{\"big\": 123456789012345678901234567890, \"neg\": -5, \"zero\": 0, \"negbig\": -99999999999999999999}`"
                + "|sha256:94e5bcef197897c11678645fe383a1099841379acc25d29cab27d6fb11f20cef",
        "`{\"x\": [true, false, null, [1, \"a\"], {\"z\": 1, \"a\": 2}], \"empty_list\": [], \"empty_obj\": {}}`"
                + "|sha256:9cc994cad5472b4804114bc715464dd219d315462a39769b3b07f2c21d9d0c87",
        "`{\"b\": 1, \"a\": 2, \"B\": 3, \"\\u00e9\": 4, \"\\ud834\\udd1e\": 5, \"\\uffff\": 6}`"
                + "|sha256:5d6b2234d80878174574fbb986d9bc757e97f078bb020cd2044b0bf4f940ed74",
        "`{\"secret_fields\": [\"x\"], \"properties\": {\"p\": {\"secret_fields\": 1, \"keep\": true}}, \"list\": [{\"secret_fields\": 2}]}`"
                + "|sha256:3abc6ec4aace36643752b79860c7267de17dad6dd0e850e2b1570eba2d79e205",
        "`{\"properties\": {\"x\": {\"$ref\": \"#/definitions/Used\"}, \"b\": {\"$ref\": \"#/definitions/BlockDef\"}, \"e\": {\"$ref\": \"#/definitions/Empty\"}}, \"definitions\": {\"Used\": {\"type\": \"object\", \"properties\": {\"n\": {\"$ref\": \"#/definitions/Nested\"}}}, \"Nested\": {\"type\": \"string\"}, \"Unused\": {\"properties\": {\"m\": {\"$ref\": \"#/definitions/OnlyFromUnused\"}}}, \"OnlyFromUnused\": {\"type\": \"integer\"}, \"BlockDef\": {\"block_type_slug\": \"x\", \"title\": \"B\", \"secret_fields\": [\"s\"]}, \"Empty\": {}}, \"block_schema_references\": {\"b\": {\"block_type_slug\": \"x\", \"block_schema_checksum\": \"sha256:0\"}}}`"
                + "|sha256:a1395079a41b8e9da2a4d0a7ed9c95a192fea593eb87fc8c94157d35febeba59",
        "`{\"properties\": {\"b\": {\"$ref\": \"#/definitions/BlockDef\"}}, \"definitions\": {\"BlockDef\": {\"block_type_slug\": \"x\"}}}`"
                + "|sha256:abcca9dd2258ffea4376a73d20a78068abbb34b058e9a3767b423f1ee92b62bb",
        "`{\"properties\": {\"x\": {\"$ref\": {\"nested\": \"#/definitions/A\"}}}, \"definitions\": {\"A\": {\"type\": \"string\"}}}`"
                + "|sha256:a74a40f5d8674e12e6cd091135b860c850fd67a275f37cf723499b28096056f1",
        "`{\"properties\": {\"x\": {\"$ref\": \"#/definitions/#/definitions/A\"}}, \"definitions\": {\"A\": {\"type\": \"string\"}}, \"anyOf\": [{\"$ref\": \"#/definitions/B\"}], \"other\": {\"definitions\": {\"secret_fields\": 1}}}`"
                + "|sha256:1501de2569d1afcb4e2b94bb20f4d3e392c97a184f1a574fb738db161f8e023c",
        "`{\"definitions\": {}}`|sha256:79b9787dcd02e098a1b261c2d8be3dbe363953714e67eccf5610554df8050ed1",
    })
    void matchesThePythonClient(String fields, String checksum) throws Exception {
        assertEquals(checksum, BlockSchemaChecksum.of((ObjectNode) MAPPER.readTree(fields)));
    }

    /** The bundled system block schemas carry the checksums the client computed for them. */
    @Test
    void matchesTheClientForTheSystemBlocks() throws Exception {
        try (InputStream catalog = getClass().getResourceAsStream("/system-block-types.json")) {
            for (JsonNode block : MAPPER.readTree(catalog).get("blocks")) {
                JsonNode schema = block.get("block_schema");
                assertEquals(schema.get("checksum").textValue(), BlockSchemaChecksum.of((ObjectNode) schema.get("fields")),
                        block.get("block_type").get("slug").textValue());
            }
        }
    }
}
