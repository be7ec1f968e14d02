package dev.praetor.config.blocks.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.rest.errors.PrefectHttpException;
import dev.praetor.rest.json.Uuids;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Document data split as Prefect stores it: a top-level value {@code {"$ref": {"block_document_id": <uuid>}}} is a
 * reference to another document (stored as a reference row), everything else is the document's own data.
 */
record BlockDocumentReferences(ObjectNode data, List<Reference> references) {

    /** Field {@code name} refers to document {@code documentId}. */
    record Reference(String name, UUID documentId) {
    }

    /** Splits the data; a reference without a usable document id is Prefect's 400. */
    static BlockDocumentReferences split(ObjectNode data) {
        ObjectNode own = JsonNodeFactory.instance.objectNode();
        List<Reference> references = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : data.properties()) {
            JsonNode value = entry.getValue();
            if (value.isObject() && value.has("$ref")) {
                JsonNode id = value.get("$ref").path("block_document_id");
                if (id.isMissingNode() || id.isNull()) {
                    throw new PrefectHttpException(400,
                            "Received block reference without a block_document_id in key " + entry.getKey());
                }
                UUID documentId = id.isTextual() ? Uuids.parseLenient(id.textValue()) : null;
                if (documentId == null) {
                    throw new PrefectHttpException(400,
                            "Received block reference with an invalid block_document_id in key " + entry.getKey());
                }
                references.add(new Reference(entry.getKey(), documentId));
            } else {
                own.set(entry.getKey(), value);
            }
        }
        return new BlockDocumentReferences(own, references);
    }

    List<UUID> documentIds() {
        return references.stream().map(Reference::documentId).distinct().toList();
    }
}
