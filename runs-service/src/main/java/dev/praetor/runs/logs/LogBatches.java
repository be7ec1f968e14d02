package dev.praetor.runs.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How the logs of one {@code POST /logs/} are grouped into messages of the {@code logs} topic: one message per flow
 * run (the logs without a flow run form one more group), split into chunks of at most {@link #MAX_CHUNK_BYTES} of
 * JSON so that no message comes near Kafka's default 1 MiB limit. A chunk keeps request order, and a run's chunks come
 * in request order too, so that the topic keeps each run's logs in order.
 *
 * <p>Key of a chunk: its flow run id (every chunk of a run lands on the run's partition, in order), or for logs
 * without a flow run the id of its first log (no order to keep; spread over the partitions).
 *
 * @param chunkOf for each log (request order), its chunk's number, 1-based; chunk numbers follow the order in which
 *                chunks are first opened, so outbox rows written in chunk order keep every run's logs in order
 * @param keys    the record key of each chunk, index = chunk number - 1
 */
record LogBatches(int[] chunkOf, String[] keys) {

    /**
     * Bound on a chunk's estimated JSON bytes; a single log larger than this is a chunk of its own. Half of Kafka's
     * default {@code max.message.bytes}, leaving room for the estimate's error and the record envelope.
     */
    static final int MAX_CHUNK_BYTES = 512 * 1024;

    /** JSON bytes of one log object besides its name and message: keys, id, level, timestamp, run ids. */
    private static final int PER_LOG_OVERHEAD = 320;

    /** An open chunk of one group. */
    private static final class Open {
        int number;
        long bytes;
    }

    static LogBatches of(List<LogCreate> logs, UUID[] ids) {
        int[] chunkOf = new int[logs.size()];
        List<String> keys = new ArrayList<>();
        Map<UUID, Open> byRun = new HashMap<>();
        Open withoutRun = null;
        for (int i = 0; i < logs.size(); i++) {
            LogCreate log = logs.get(i);
            long bytes = jsonBytes(log.name()) + jsonBytes(log.message()) + PER_LOG_OVERHEAD;
            UUID run = log.flow_run_id();
            Open open = run == null ? withoutRun : byRun.get(run);
            if (open == null || (open.bytes > 0 && open.bytes + bytes > MAX_CHUNK_BYTES)) {
                open = open == null ? new Open() : open;
                keys.add(run == null ? ids[i].toString() : run.toString());
                open.number = keys.size();
                open.bytes = 0;
                if (run == null) {
                    withoutRun = open;
                } else {
                    byRun.put(run, open);
                }
            }
            open.bytes += bytes;
            chunkOf[i] = open.number;
        }
        return new LogBatches(chunkOf, keys.toArray(String[]::new));
    }

    /** An upper bound of the UTF-8 bytes of {@code text} as a JSON string (escapes counted at their longest). */
    static long jsonBytes(String text) {
        long bytes = 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                bytes += 6;
            } else if (c == '"' || c == '\\') {
                bytes += 2;
            } else if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800 || Character.isSurrogate(c)) {
                bytes += 2; // a surrogate pair is 4 bytes in all
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
