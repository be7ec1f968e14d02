package dev.praetor.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.NullNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    private static final UUID WORKSPACE = UUID.randomUUID();

    @Test
    void snapshotRoundTripsExactly() {
        SnapshotRecord snapshot = new SnapshotRecord("flows", "k1", WORKSPACE, 7,
                WireFormat.parse("{\"b\":1.10,\"a\":[1,null,\"x\"],\"big\":123456789012345678901234567890}"));
        ProducerRecord<String, byte[]> sent = WireFormat.toProducerRecord(snapshot);
        assertEquals("{\"workspace_id\":\"" + WORKSPACE + "\",\"version\":7,"
                        + "\"data\":{\"b\":1.10,\"a\":[1,null,\"x\"],\"big\":123456789012345678901234567890}}",
                new String(sent.value(), StandardCharsets.UTF_8));
        assertEquals(snapshot, WireFormat.fromConsumerRecord(received(sent)));
    }

    @Test
    void tombstoneHasANullValueAndItsVersionInTheHeaders() {
        SnapshotRecord tombstone = SnapshotRecord.tombstone("flows", "k1", WORKSPACE, 9);
        ProducerRecord<String, byte[]> sent = WireFormat.toProducerRecord(tombstone);
        assertNull(sent.value());
        assertEquals("9", new String(sent.headers().lastHeader(WireFormat.VERSION_HEADER).value(),
                StandardCharsets.UTF_8));
        assertEquals(tombstone, WireFormat.fromConsumerRecord(received(sent)));
    }

    @Test
    void jsonNullDataIsATombstone() {
        assertTrue(new SnapshotRecord("flows", "k1", WORKSPACE, 1, NullNode.getInstance()).isTombstone());
    }

    @Test
    void malformedRecordsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> WireFormat.fromConsumerRecord(
                record("not json".getBytes(StandardCharsets.UTF_8), new RecordHeaders())));
        assertThrows(IllegalArgumentException.class, () -> WireFormat.fromConsumerRecord(
                record("{\"version\":1,\"data\":{}}".getBytes(StandardCharsets.UTF_8), new RecordHeaders())));
        assertThrows(IllegalArgumentException.class, () -> WireFormat.fromConsumerRecord(
                record(("{\"workspace_id\":\"" + WORKSPACE + "\",\"version\":1,\"data\":null}")
                        .getBytes(StandardCharsets.UTF_8), new RecordHeaders())));
        assertThrows(IllegalArgumentException.class, () -> WireFormat.fromConsumerRecord(
                record(null, new RecordHeaders())));
    }

    private static ConsumerRecord<String, byte[]> received(ProducerRecord<String, byte[]> sent) {
        return new ConsumerRecord<>(sent.topic(), 0, 0, 0, TimestampType.CREATE_TIME, 0, 0, sent.key(), sent.value(),
                sent.headers(), Optional.empty());
    }

    private static ConsumerRecord<String, byte[]> record(byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>("flows", 0, 0, 0, TimestampType.CREATE_TIME, 0, 0, "k1", value, headers,
                Optional.empty());
    }
}
