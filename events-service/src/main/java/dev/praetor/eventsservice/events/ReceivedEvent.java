package dev.praetor.eventsservice.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.errors.RequestValidationException;
import dev.praetor.rest.json.PrefectDateTimes;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Prefect's {@code ReceivedEvent}: an {@link Event} as stored, served by {@code /events/filter} and published on the
 * {@code events} topic, with {@code received} set by the server. Field order is Prefect's.
 */
public record ReceivedEvent(OffsetDateTime occurred, String event, Map<String, String> resource,
        List<Map<String, String>> related, ObjectNode payload, UUID id, UUID follows, OffsetDateTime received) {

    private static final String NUL = "\u0000";

    /**
     * The event as received now. NUL characters are removed from every string (as Prefect does for logs): PostgreSQL
     * cannot store them in text or jsonb, and one such event would otherwise fail the whole batch it is written in.
     * Datetimes are cut to microseconds, the precision they are stored with.
     */
    public static ReceivedEvent receive(Event event, OffsetDateTime received) {
        List<Map<String, String>> related = new ArrayList<>(event.related() == null ? 0 : event.related().size());
        if (event.related() != null) {
            event.related().forEach(labels -> related.add(withoutNul(labels)));
        }
        ObjectNode payload = event.payload() == null ? JsonNodeFactory.instance.objectNode() : event.payload();
        return new ReceivedEvent(micros(event.occurred()), withoutNul(event.event()), withoutNul(event.resource()),
                List.copyOf(related), (ObjectNode) withoutNul(payload), event.id(), event.follows(), micros(received));
    }

    /**
     * An event as published on the {@code events} topic (by this service, with {@code received}, or by another service,
     * without it), checked as Prefect checks a client's event.
     *
     * @throws RequestValidationException when it is not a valid event
     */
    public static ReceivedEvent published(ObjectMapper mapper, JsonNode data, OffsetDateTime receivedIfMissing)
            throws IOException {
        Event event = mapper.treeToValue(data, Event.class);
        Errors errors = Errors.forBody();
        event.validate(errors);
        errors.throwIfAny();
        JsonNode received = data.path("received");
        return receive(event, received.isTextual() ? PrefectDateTimes.parse(received.textValue()) : receivedIfMissing);
    }

    public String resourceId() {
        return resource.get(Event.RESOURCE_ID);
    }

    private static OffsetDateTime micros(OffsetDateTime value) {
        return value.truncatedTo(ChronoUnit.MICROS);
    }

    private static String withoutNul(String text) {
        return text.contains(NUL) ? text.replace(NUL, "") : text;
    }

    private static Map<String, String> withoutNul(Map<String, String> labels) {
        Map<String, String> clean = new LinkedHashMap<>(labels.size());
        labels.forEach((key, value) -> clean.put(withoutNul(key), value == null ? null : withoutNul(value)));
        return clean;
    }

    /** Cleans containers in place (the parsed event is ours) and returns what takes {@code node}'s place. */
    private static JsonNode withoutNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().contains(NUL) ? JsonNodeFactory.instance.textNode(withoutNul(node.textValue())) : node;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode element = array.get(i);
                JsonNode clean = withoutNul(element);
                if (clean != element) {
                    array.set(i, clean);
                }
            }
            return array;
        }
        if (node instanceof ObjectNode object) {
            boolean dirtyKeys = false;
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                dirtyKeys |= field.getKey().contains(NUL);
                JsonNode clean = withoutNul(field.getValue());
                if (clean != field.getValue()) {
                    field.setValue(clean);
                }
            }
            if (!dirtyKeys) {
                return object;
            }
            ObjectNode renamed = JsonNodeFactory.instance.objectNode();
            object.properties().forEach(field -> renamed.set(withoutNul(field.getKey()), field.getValue()));
            return renamed;
        }
        return node;
    }
}
