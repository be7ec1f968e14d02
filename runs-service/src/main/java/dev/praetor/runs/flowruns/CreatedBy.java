package dev.praetor.runs.flowruns;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.rest.json.Uuids;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Prefect's {@code created_by} for runs an automation creates: both {@code Prefect-Automation-ID} and
 * {@code Prefect-Automation-Name} (base64 of the display name) must be present and valid, else there is none.
 */
final class CreatedBy {
    private CreatedBy() {
    }

    static ObjectNode fromAutomationHeaders(String automationId, String encodedName) {
        UUID id = Uuids.parseLenient(automationId);
        if (id == null || encodedName == null) {
            return null;
        }
        String name;
        try {
            name = new String(Base64.getDecoder().decode(encodedName.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        ObjectNode createdBy = JsonNodeFactory.instance.objectNode();
        createdBy.put("id", id.toString());
        createdBy.put("type", "AUTOMATION");
        createdBy.put("display_value", name);
        return createdBy;
    }
}
