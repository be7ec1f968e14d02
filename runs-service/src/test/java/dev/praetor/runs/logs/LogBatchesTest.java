package dev.praetor.runs.logs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LogBatchesTest {
    private static final OffsetDateTime T = OffsetDateTime.parse("2026-01-01T00:00:00Z");

    private static LogCreate log(String message, UUID flowRun) {
        return new LogCreate("n", 20, message, T, flowRun, null);
    }

    private static UUID[] ids(int n) {
        UUID[] ids = new UUID[n];
        for (int i = 0; i < n; i++) {
            ids[i] = UUID.randomUUID();
        }
        return ids;
    }

    @Test
    void oneChunkPerFlowRunInOrderOfFirstAppearance() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        List<LogCreate> logs = List.of(log("1", b), log("2", a), log("3", null), log("4", b), log("5", null));
        UUID[] ids = ids(logs.size());
        LogBatches batches = LogBatches.of(logs, ids);
        assertArrayEquals(new int[] {1, 2, 3, 1, 3}, batches.chunkOf());
        assertArrayEquals(new String[] {b.toString(), a.toString(), ids[2].toString()}, batches.keys());
    }

    @Test
    void aRunIsSplitWhenItsChunkWouldExceedTheBound() {
        UUID a = UUID.randomUUID();
        String big = "x".repeat(200_000);
        List<LogCreate> logs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            logs.add(log(big, a));
        }
        logs.add(log("small", a));
        logs.add(log("x".repeat(LogBatches.MAX_CHUNK_BYTES * 2), a)); // too big for any chunk: alone
        logs.add(log("after", a));
        LogBatches batches = LogBatches.of(logs, ids(logs.size()));
        assertArrayEquals(new int[] {1, 1, 2, 2, 3, 3, 4, 5}, batches.chunkOf());
        assertEquals(5, batches.keys().length);
        for (String key : batches.keys()) {
            assertEquals(a.toString(), key);
        }
    }

    @Test
    void jsonBytesBoundTheUtf8OfTheEscapedString() {
        assertEquals(2, LogBatches.jsonBytes(""));
        assertEquals(5, LogBatches.jsonBytes("abc"));
        assertEquals(2 + 2 + 6 + 2 + 3 + 4, LogBatches.jsonBytes("\"\n\u00e9\u20ac\ud83d\ude00"));
    }
}
