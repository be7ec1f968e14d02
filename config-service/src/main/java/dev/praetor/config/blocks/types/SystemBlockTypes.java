package dev.praetor.config.blocks.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The protected block types Prefect installs ({@code _install_protected_system_blocks}: Webhook, Secret,
 * LocalFileSystem) with their schemas, exactly as the Prefect client describes them. The catalog
 * ({@code system-block-types.json}) was generated with the client named in its {@code generated_from}; regenerate it
 * when the targeted client version changes, since the schema version is the client's version.
 */
@ApplicationScoped
public class SystemBlockTypes {
    static final String CATALOG = "/system-block-types.json";

    /** One system block: its type and its schema. */
    public record SystemBlock(String name, String slug, String logoUrl, String documentationUrl, String description,
            String codeExample, ObjectNode fields, List<String> capabilities, String version) {
    }

    private final List<SystemBlock> blocks;

    @Inject
    public SystemBlockTypes(ObjectMapper mapper) {
        this.blocks = load(mapper);
    }

    public List<SystemBlock> blocks() {
        return blocks;
    }

    private static List<SystemBlock> load(ObjectMapper mapper) {
        try (InputStream catalog = SystemBlockTypes.class.getResourceAsStream(CATALOG)) {
            List<SystemBlock> blocks = new ArrayList<>();
            for (JsonNode block : mapper.readTree(catalog).get("blocks")) {
                JsonNode type = block.get("block_type");
                JsonNode schema = block.get("block_schema");
                List<String> capabilities = new ArrayList<>();
                schema.get("capabilities").forEach(capability -> capabilities.add(capability.textValue()));
                blocks.add(new SystemBlock(type.get("name").textValue(), type.get("slug").textValue(),
                        type.path("logo_url").textValue(), type.path("documentation_url").textValue(),
                        type.path("description").textValue(), type.path("code_example").textValue(),
                        (ObjectNode) schema.get("fields"), List.copyOf(capabilities), schema.get("version").textValue()));
            }
            return List.copyOf(blocks);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + CATALOG, e);
        }
    }
}
