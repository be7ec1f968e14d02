package dev.praetor.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The Kafka representation of a {@link SnapshotRecord} (see README.md):
 * key = record key (UTF-8); value = compact JSON {@code {"workspace_id":"…","version":N,"data":{…}}}, or null for a
 * tombstone; headers {@value #WORKSPACE_ID_HEADER} and {@value #VERSION_HEADER} (UTF-8 text) on every record.
 */
public final class WireFormat {

    /**
     * The largest record Praetor produces, and so the {@code max.request.size} of its producers and the
     * {@code max.message.bytes} of its topics: Kafka's 1 MiB default would refuse a record made from one large request
     * (a log line may be 1,000,000 characters; bodies reach 5 MiB through the gateway, 10 MiB straight to a service),
     * and a refused outbox row would hold up every row behind it.
     */
    public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    public static final String WORKSPACE_ID_HEADER = "praetor-workspace-id";
    public static final String VERSION_HEADER = "praetor-version";

    private static final String WORKSPACE_ID_FIELD = "workspace_id";
    private static final String VERSION_FIELD = "version";
    private static final String DATA_FIELD = "data";

    /**
     * Numbers are kept as exact decimals (no double rounding, no stripped trailing zeros) so that a snapshot
     * crosses the outbox's jsonb column and Kafka without any change to its values.
     */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private WireFormat() {
    }

    public static ProducerRecord<String, byte[]> toProducerRecord(SnapshotRecord record) {
        Headers headers = new RecordHeaders()
                .add(WORKSPACE_ID_HEADER, utf8(record.workspaceId().toString()))
                .add(VERSION_HEADER, utf8(Long.toString(record.version())));
        return new ProducerRecord<>(record.topic(), null, record.key(), encodeValue(record), headers);
    }

    /** The value bytes of a record, null for a tombstone. */
    private static byte[] encodeValue(SnapshotRecord record) {
        if (record.isTombstone()) {
            return null;
        }
        ObjectNode value = JSON.createObjectNode()
                .put(WORKSPACE_ID_FIELD, record.workspaceId().toString())
                .put(VERSION_FIELD, record.version())
                .set(DATA_FIELD, record.data());
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    /**
     * Decodes a consumed record; a null value is a tombstone whose workspace and version come from the headers.
     *
     * @throws IllegalArgumentException when the record does not follow the wire format
     */
    public static SnapshotRecord fromConsumerRecord(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            throw new IllegalArgumentException("record without a key");
        }
        if (record.value() == null) {
            return SnapshotRecord.tombstone(record.topic(), record.key(),
                    UUID.fromString(header(record, WORKSPACE_ID_HEADER)),
                    Long.parseLong(header(record, VERSION_HEADER)));
        }
        JsonNode value;
        try {
            value = JSON.readTree(record.value());
        } catch (IOException e) {
            throw new IllegalArgumentException("value is not JSON", e);
        }
        JsonNode workspaceId = value.path(WORKSPACE_ID_FIELD);
        JsonNode version = value.path(VERSION_FIELD);
        JsonNode data = value.path(DATA_FIELD);
        if (!workspaceId.isTextual() || !version.isIntegralNumber() || !version.canConvertToLong()
                || data.isMissingNode() || data.isNull()) {
            throw new IllegalArgumentException("value lacks workspace_id, version or data");
        }
        return new SnapshotRecord(record.topic(), record.key(), UUID.fromString(workspaceId.textValue()),
                version.longValue(), data);
    }

    /** Parses JSON text as stored in the outbox (jsonb rendered as text). */
    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            throw new IllegalArgumentException("tombstone without header " + name);
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
