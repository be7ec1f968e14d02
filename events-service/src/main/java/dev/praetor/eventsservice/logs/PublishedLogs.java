package dev.praetor.eventsservice.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.events.SnapshotRecord;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads a record of the {@code logs} topic, published by runs-service once the logs are stored. The record's data is
 * a log batch (one per flow run and stored request, bounded in bytes; key = the flow run id, else the first log's id):
 * <pre>{"format": "log-batch", "format_version": 1, "created": "&lt;timestamp&gt;",
 *  "logs": [{"id", "name", "level", "message", "timestamp", "flow_run_id", "task_run_id"}, ...]}</pre>
 * where {@code created} is every log's {@code created} and {@code updated}, and the logs are in the order they were
 * stored. Before batches, runs-service published one record per log whose data was the {@code Log} itself (no
 * {@code format}); those are still read, as a batch of one.
 */
public final class PublishedLogs {
    public static final String FORMAT = "log-batch";
    public static final int FORMAT_VERSION = 1;

    private PublishedLogs() {
    }

    /**
     * The batch's identity, for recognising a record delivered again (the outbox relay is at-least-once): the id of
     * its first log, which no other batch contains. Null when the record has none.
     */
    public static UUID batchId(SnapshotRecord record) {
        JsonNode data = record.data();
        JsonNode id = data.has("format") ? data.path("logs").path(0).path("id") : data.path("id");
        if (!id.isTextual()) {
            return null;
        }
        try {
            return UUID.fromString(id.textValue());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The record's logs, in order.
     *
     * @throws IllegalArgumentException when the record is not a log batch this version understands (nor a single log)
     */
    public static List<Log> decode(ObjectMapper mapper, SnapshotRecord record) {
        JsonNode data = record.data();
        try {
            if (!data.has("format")) {
                return List.of(mapper.treeToValue(data, Log.class));
            }
            if (!FORMAT.equals(data.path("format").asText()) || data.path("format_version").asInt() != FORMAT_VERSION) {
                throw new IllegalArgumentException("unknown log format " + data.path("format") + " version "
                        + data.path("format_version"));
            }
            OffsetDateTime created = mapper.treeToValue(data.path("created"), OffsetDateTime.class);
            JsonNode lines = data.path("logs");
            if (created == null || !lines.isArray()) {
                throw new IllegalArgumentException("log batch without created or logs");
            }
            List<Log> logs = new ArrayList<>(lines.size());
            for (JsonNode line : lines) {
                Log log = mapper.treeToValue(line, Log.class);
                logs.add(new Log(log.id(), created, created, log.name(), log.level(), log.message(), log.timestamp(),
                        log.flow_run_id(), log.task_run_id()));
            }
            return logs;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
