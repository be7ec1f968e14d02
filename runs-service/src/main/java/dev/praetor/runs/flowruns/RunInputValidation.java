package dev.praetor.runs.flowruns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The checks {@code /resume} applies to the input a paused run waits for (flow-runs.md §3.8): the input is hydrated
 * ({@code {"__prefect_kind": ...}} wrappers resolved), then validated against the JSON schema the run published.
 * Jinja templates and workspace variables need the variables of config-service and are refused for now.
 */
@ApplicationScoped
public class RunInputValidation {
    private static final String KIND = "__prefect_kind";

    @Inject
    ObjectMapper mapper;

    /** Why {@code runInput} cannot resume the run (the REJECT reason), or empty when it can. */
    Optional<String> problem(ObjectNode runInput, String schemaText) {
        ObjectNode input;
        try {
            input = hydrate(runInput);
        } catch (IllegalArgumentException e) {
            return Optional.of("Error hydrating run input: " + e.getMessage());
        }
        if (schemaText == null) {
            return Optional.of("Run input schema not found.");
        }
        JsonNode schemaJson;
        try {
            schemaJson = mapper.readTree(schemaText);
        } catch (JsonProcessingException e) {
            return Optional.of("Run input schema is not valid JSON.");
        }
        try {
            SpecVersion.VersionFlag version = schemaJson.has("$schema") ? SpecVersionDetector.detect(schemaJson)
                    : SpecVersion.VersionFlag.V202012;
            JsonSchema schema = JsonSchemaFactory.getInstance(version).getSchema(schemaJson);
            Set<ValidationMessage> errors = schema.validate(input);
            if (!errors.isEmpty()) {
                return Optional.of("Reason: " + errors.stream().map(ValidationMessage::getMessage).sorted()
                        .collect(Collectors.joining("; ")));
            }
        } catch (StackOverflowError e) {
            return Optional.of("Invalid schema: Unable to validate schema with circular references.");
        } catch (RuntimeException e) {
            return Optional.of("Reason: " + e.getMessage());
        }
        return Optional.empty();
    }

    /** Resolves hydration wrappers; {@code null} input is {@code {}}. */
    ObjectNode hydrate(ObjectNode runInput) {
        if (runInput == null) {
            return mapper.createObjectNode();
        }
        JsonNode hydrated = hydrateNode(runInput);
        return hydrated instanceof ObjectNode object ? object : mapper.createObjectNode();
    }

    /** Null means "remove this value" (a wrapper without a value, as Prefect does for the UI). */
    private JsonNode hydrateNode(JsonNode node) {
        if (node.isObject() && node.has(KIND)) {
            return hydrateKind(node.get(KIND).asText(), (ObjectNode) node);
        }
        if (node.isObject()) {
            ObjectNode out = mapper.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = hydrateNode(field.getValue());
                if (value != null) {
                    out.set(field.getKey(), value);
                }
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = mapper.createArrayNode();
            for (JsonNode element : node) {
                JsonNode value = hydrateNode(element);
                if (value != null) {
                    out.add(value);
                }
            }
            return out;
        }
        return node;
    }

    private JsonNode hydrateKind(String kind, ObjectNode wrapper) {
        switch (kind) {
            case "none":
                if (!wrapper.has("value")) {
                    throw new IllegalArgumentException("Missing 'value' key in __prefect object");
                }
                return hydrateNode(wrapper.get("value"));
            case "json":
                if (!wrapper.has("value")) {
                    return null;
                }
                JsonNode value = wrapper.get("value");
                if (value.isObject()) {
                    value = hydrateNode(value);
                }
                if (value == null || !value.isTextual()) {
                    return value;
                }
                try {
                    return mapper.readTree(value.textValue());
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException("Invalid JSON: " + e.getOriginalMessage());
                }
            case "jinja":
            case "workspace_variable":
                throw new IllegalArgumentException("__prefect_kind '" + kind + "' is not supported yet");
            default:
                JsonNode raw = wrapper.get("value");
                return raw == null ? mapper.nullNode() : raw;
        }
    }
}
