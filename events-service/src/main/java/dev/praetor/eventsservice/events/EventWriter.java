package dev.praetor.eventsservice.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.events.Outbox;
import dev.praetor.events.SnapshotRecord;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Stores received events in batches (group commit): while one batch is being written, new events queue up and the
 * next transaction takes all of them, so a burst costs a few transactions instead of one per event, and a lone event
 * is written at once. Each transaction stores the events not stored yet and puts each of them on the {@code events}
 * topic through the outbox, so an event is published exactly when it is stored, and only once.
 */
@ApplicationScoped
public class EventWriter {
    public static final String TOPIC = "events";
    private static final Logger LOG = Logger.getLogger(EventWriter.class);

    /** The writer is full: the caller should ask its client to retry later. */
    public static final class OverloadedException extends RuntimeException {
        OverloadedException() {
            super("too many events waiting to be stored", null, false, false);
        }
    }

    private record Pending(List<WorkspaceEvent> events, CompletableFuture<Void> stored) {
    }

    @Inject
    EventRepository repository;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "praetor.events.write.batch-size", defaultValue = "1000")
    int batchSize;

    @ConfigProperty(name = "praetor.events.write.max-queued", defaultValue = "100000")
    int maxQueued;

    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();

    /**
     * Queues the events for the next batch; the stage completes once they are stored (a re-sent event counts as
     * stored) and fails if their batch failed, or at once with {@link OverloadedException} when too many wait.
     */
    public CompletionStage<Void> write(List<WorkspaceEvent> events) {
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        if (queued.addAndGet(events.size()) > maxQueued) {
            queued.addAndGet(-events.size());
            return CompletableFuture.failedFuture(new OverloadedException());
        }
        Pending pending = new Pending(events, new CompletableFuture<>());
        queue.add(pending);
        writeNextBatch();
        return pending.stored();
    }

    private void writeNextBatch() {
        if (!writing.compareAndSet(false, true)) {
            return; // the running batch starts the next one when it ends
        }
        List<Pending> batch = new ArrayList<>();
        int size = 0;
        for (Pending next = queue.peek(); next != null && (batch.isEmpty() || size + next.events().size() <= batchSize);
                next = queue.peek()) {
            batch.add(queue.poll());
            size += next.events().size();
        }
        if (batch.isEmpty()) {
            writing.set(false);
            if (!queue.isEmpty()) {
                writeNextBatch(); // queued between our look and our release
            }
            return;
        }
        int batchEvents = size;
        store(batch).subscribe().with(
                stored -> finish(batch, batchEvents, null),
                failure -> finish(batch, batchEvents, failure));
    }

    private void finish(List<Pending> batch, int batchEvents, Throwable failure) {
        queued.addAndGet(-batchEvents);
        writing.set(false);
        if (failure != null) {
            LOG.warnf("Storing %d events failed: %s", batchEvents, failure.toString());
        }
        for (Pending pending : batch) {
            if (failure == null) {
                pending.stored().complete(null);
            } else {
                pending.stored().completeExceptionally(failure);
            }
        }
        writeNextBatch();
    }

    private Uni<Void> store(List<Pending> batch) {
        // One row per (workspace, id): a client that reconnects may send an event again within the same batch.
        Map<WorkspaceEvent.Key, WorkspaceEvent> unique = new LinkedHashMap<>();
        batch.forEach(pending -> pending.events().forEach(event -> unique.putIfAbsent(event.key(), event)));
        List<WorkspaceEvent> events = List.copyOf(unique.values());
        return repository.pool().withTransaction(tx -> repository.insertNew(tx, events)
                .flatMap(inserted -> outbox.appendAll(tx, inserted.stream().map(this::published).toList())));
    }

    private SnapshotRecord published(WorkspaceEvent stored) {
        return new SnapshotRecord(TOPIC, stored.event().id().toString(), stored.workspaceId(), 1,
                mapper.valueToTree(stored.event()));
    }
}
