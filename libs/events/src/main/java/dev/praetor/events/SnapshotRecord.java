package dev.praetor.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.UUID;

/**
 * A change fact: the current snapshot of one entity, keyed by its id, or a tombstone when {@code data} is null.
 *
 * <p>{@code version} grows with every change of the entity; consumers keep the highest version seen per key.
 * A JSON {@code null} (or missing) node is normalised to a Java {@code null}, i.e. a tombstone, so there is
 * exactly one way to express a deletion.
 */
public record SnapshotRecord(String topic, String key, UUID workspaceId, long version, JsonNode data) {

    public SnapshotRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(workspaceId, "workspaceId");
        if (data != null && (data.isNull() || data.isMissingNode())) {
            data = null;
        }
    }

    /** A deletion marker: published with a null Kafka value so that compaction eventually removes the key. */
    public static SnapshotRecord tombstone(String topic, String key, UUID workspaceId, long version) {
        return new SnapshotRecord(topic, key, workspaceId, version, null);
    }

    public boolean isTombstone() {
        return data == null;
    }
}
