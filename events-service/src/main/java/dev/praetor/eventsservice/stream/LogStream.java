package dev.praetor.eventsservice.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.events.SnapshotRecord;
import dev.praetor.eventsservice.logs.LiveLogFilter;
import dev.praetor.eventsservice.logs.Log;
import dev.praetor.eventsservice.logs.PublishedLogs;
import dev.praetor.rest.filters.LogFilter;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The live tail of {@code /logs/out}: every log on the {@code logs} topic (published by runs-service, which owns
 * logs, once stored, in batches: see {@link PublishedLogs}; read live by this replica, see {@link LiveTopics}) is sent
 * to the subscribers of its workspace whose filter includes it, once, in the order stored (per flow run). No
 * backfill, as in Prefect.
 */
@ApplicationScoped
public class LogStream {
    private static final Logger LOG = Logger.getLogger(LogStream.class);
    private static final int REMEMBERED_BATCHES = 16_384;

    /** One subscriber: its filter and its bounded way out. */
    record LogSubscription(UUID workspaceId, LogFilter filter, Outbound out) {
    }

    @Inject
    ObjectMapper mapper;

    private final Map<UUID, Set<LogSubscription>> subscribers = new ConcurrentHashMap<>();

    /** Ids of the batches delivered last, oldest first (reader thread only). */
    private final Map<UUID, Boolean> recentBatches = new LinkedHashMap<>(2 * REMEMBERED_BATCHES, 0.75f) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > REMEMBERED_BATCHES;
        }
    };

    @ConfigProperty(name = "praetor.stream.max-buffered-chars", defaultValue = "8388608")
    long maxBufferedChars;

    @ConfigProperty(name = "praetor.stream.max-buffered-frames", defaultValue = "10000")
    int maxBufferedFrames;

    /** Streams the new logs {@code filter} includes to {@code socket} until it closes (on the socket's context). */
    public void subscribe(UUID workspaceId, LogFilter filter, ServerWebSocket socket) {
        LogSubscription[] subscription = new LogSubscription[1];
        Outbound out = new Outbound(socket, Vertx.currentContext(), new Outbound.Limits(maxBufferedChars,
                maxBufferedFrames), () -> unregister(subscription[0]));
        subscription[0] = new LogSubscription(workspaceId, filter, out);
        register(subscription[0]);
        socket.closeHandler(ignored -> unregister(subscription[0]));
        if (socket.isClosed()) {
            unregister(subscription[0]);
        }
    }

    void register(LogSubscription subscription) {
        subscribers.computeIfAbsent(subscription.workspaceId(), ignored -> ConcurrentHashMap.newKeySet())
                .add(subscription);
    }

    void unregister(LogSubscription subscription) {
        subscribers.computeIfPresent(subscription.workspaceId(), (workspace, set) -> {
            set.remove(subscription);
            return set.isEmpty() ? null : set;
        });
    }

    public int subscribers(UUID workspaceId) {
        Set<LogSubscription> set = subscribers.get(workspaceId);
        return set == null ? 0 : set.size();
    }

    /** One record of the {@code logs} topic, a batch of logs (reader thread). */
    void accept(SnapshotRecord record) {
        if (record.isTombstone() || !firstDelivery(record)) {
            return;
        }
        Set<LogSubscription> candidates = subscribers.get(record.workspaceId());
        if (candidates == null || candidates.isEmpty()) {
            return;
        }
        List<Log> logs;
        try {
            logs = PublishedLogs.decode(mapper, record);
        } catch (IllegalArgumentException e) {
            LOG.debugf("Not streaming invalid logs %s: %s", record.key(), e.getMessage());
            return;
        }
        for (Log log : logs) {
            String frame = null;
            for (LogSubscription subscription : candidates) {
                if (LiveLogFilter.includes(subscription.filter(), log)) {
                    frame = frame == null ? frame(log) : frame;
                    Outbound out = subscription.out();
                    String reserved = frame;
                    if (out.reserve(reserved)) {
                        out.onContext(() -> out.write(reserved));
                    }
                }
            }
        }
    }

    /**
     * Whether the batch was not seen yet among the last {@value #REMEMBERED_BATCHES}: the outbox relay may publish a
     * batch again after a failed round, and a subscriber must get each log once. A relay retries within seconds, and
     * nothing new is published meanwhile, so a repeat is always recent.
     */
    private boolean firstDelivery(SnapshotRecord record) {
        UUID batchId = PublishedLogs.batchId(record);
        return batchId == null || recentBatches.put(batchId, Boolean.TRUE) == null;
    }

    /** {@code {"type": "log", "log": <Log>}}. */
    private String frame(Log log) {
        ObjectNode frame = mapper.createObjectNode();
        frame.put("type", "log");
        frame.set("log", mapper.valueToTree(log));
        try {
            return mapper.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
