package dev.praetor.runs.concurrency;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.events.SnapshotRecord;
import dev.praetor.rest.json.PrefectDateTimes;
import dev.praetor.rest.json.Uuids;
import dev.praetor.runs.orchestration.FlowRunStateChangeEvent;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Prefect's lifecycle events {@code prefect.concurrency-limit.created|updated|deleted} for a v2 limit (tag limits
 * included, as they are v2 limits): resource {@code prefect.concurrency-limit.<id>} named after the limit, payload
 * {@code name}, {@code limit}, {@code active}, {@code slot_decay_per_second}.
 */
final class ConcurrencyLimitEvents {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ConcurrencyLimitEvents() {
    }

    static SnapshotRecord of(UUID workspaceId, String action, ConcurrencyLimitV2 limit) {
        UUID eventId = Uuids.timeOrdered();
        ObjectNode event = JSON.objectNode();
        event.put("id", eventId.toString());
        event.put("occurred", PrefectDateTimes.format(OffsetDateTime.now(ZoneOffset.UTC)));
        event.put("event", "prefect.concurrency-limit." + action);
        ObjectNode resource = event.putObject("resource");
        resource.put("prefect.resource.id", "prefect.concurrency-limit." + limit.id());
        resource.put("prefect.resource.name", limit.name());
        event.putArray("related");
        ObjectNode payload = event.putObject("payload");
        payload.put("name", limit.name());
        payload.put("limit", limit.limit());
        payload.put("active", limit.active());
        payload.put("slot_decay_per_second", limit.slot_decay_per_second());
        event.putNull("follows");
        return new SnapshotRecord(FlowRunStateChangeEvent.TOPIC, eventId.toString(), workspaceId, 1, event);
    }
}
