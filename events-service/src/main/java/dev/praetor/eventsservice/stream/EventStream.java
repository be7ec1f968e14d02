package dev.praetor.eventsservice.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.events.SnapshotRecord;
import dev.praetor.eventsservice.events.CandidateEvent;
import dev.praetor.eventsservice.events.EventFilter;
import dev.praetor.eventsservice.events.EventRepository;
import dev.praetor.eventsservice.events.ReceivedEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Prefect's event distributor for {@code /events/out}: every event on the {@code events} topic (read live by this
 * replica, see {@link LiveTopics}) is offered to the subscribers of its workspace whose filter includes it. Events come
 * from this service's own store (via its outbox) and from other services (e.g. runs-service's flow-run state changes),
 * so a subscriber connected to any replica sees them all.
 */
@ApplicationScoped
public class EventStream {
    private static final Logger LOG = Logger.getLogger(EventStream.class);
    /** Ids of recent events, to drop the copies an at-least-once relay may publish. */
    private static final int RECENT_IDS = 10_000;

    @Inject
    ObjectMapper mapper;

    @Inject
    EventRepository repository;

    /** Prefect's PREFECT_EVENTS_WEBSOCKET_BACKFILL_PAGE_SIZE. */
    @ConfigProperty(name = "praetor.events.stream.backfill-page-size", defaultValue = "250")
    int backfillPageSize;

    /** At most this many events are backfilled (the oldest first); Prefect sends every page. */
    @ConfigProperty(name = "praetor.events.stream.max-backfill", defaultValue = "10000")
    int maxBackfill;

    private final Map<UUID, Set<EventSubscription>> subscribers = new ConcurrentHashMap<>();
    /** Touched by the reader's thread only. */
    private final Map<String, Boolean> recentIds = new LinkedHashMap<>(RECENT_IDS * 2, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENT_IDS;
        }
    };

    @ConfigProperty(name = "praetor.stream.max-buffered-chars", defaultValue = "8388608")
    long maxBufferedChars;

    @ConfigProperty(name = "praetor.stream.max-buffered-frames", defaultValue = "10000")
    int maxBufferedFrames;

    /**
     * Streams the events {@code filter} (resolved, ascending) includes to {@code socket}, from now on, after the stored
     * ones when {@code backfill}; until the socket closes. Called on the socket's context.
     */
    public void subscribe(UUID workspaceId, EventFilter filter, boolean backfill, ServerWebSocket socket) {
        EventSubscription[] subscription = new EventSubscription[1];
        Outbound out = new Outbound(socket, Vertx.currentContext(), new Outbound.Limits(maxBufferedChars,
                maxBufferedFrames), () -> unregister(subscription[0]));
        subscription[0] = new EventSubscription(workspaceId, filter, out, backfill);
        register(subscription[0]);
        socket.closeHandler(ignored -> unregister(subscription[0]));
        if (socket.isClosed()) {
            unregister(subscription[0]);
            return;
        }
        if (backfill) {
            backfill(subscription[0]);
        }
    }

    /** Live events are offered to {@code subscription} from now on; its backfill, if any, is up to the caller. */
    void register(EventSubscription subscription) {
        subscribers.computeIfAbsent(subscription.workspaceId(), ignored -> ConcurrentHashMap.newKeySet())
                .add(subscription);
    }

    void unregister(EventSubscription subscription) {
        subscribers.computeIfPresent(subscription.workspaceId(), (workspace, set) -> {
            set.remove(subscription);
            return set.isEmpty() ? null : set;
        });
    }

    /** How many subscribers a workspace has on this replica. */
    public int subscribers(UUID workspaceId) {
        Set<EventSubscription> set = subscribers.get(workspaceId);
        return set == null ? 0 : set.size();
    }

    /**
     * Sends the stored events that match, oldest first, page by page: a page is read once the previous one has been
     * handed to the network, so a slow client slows its backfill down instead of filling memory. Ends the backfill
     * (the held live events follow) whatever happens.
     */
    void backfill(EventSubscription subscription) {
        Outbound out = subscription.out();
        Executor onSocket = out::onContext;
        backfillFrom(subscription, onSocket, 0)
                .emitOn(onSocket)
                .subscribe().with(sent -> subscription.backfillEnded(), failure -> {
                    if (!out.isClosing()) {
                        LOG.warnf("Backfill of an events subscriber failed: %s", failure.toString());
                    }
                    subscription.backfillEnded();
                });
    }

    private Uni<Integer> backfillFrom(EventSubscription subscription, Executor onSocket, int offset) {
        int pageSize = Math.min(backfillPageSize, maxBackfill - offset);
        if (pageSize <= 0 || subscription.out().isClosing()) {
            return Uni.createFrom().item(offset);
        }
        return repository.read(subscription.workspaceId(), subscription.filter(), pageSize, offset)
                .emitOn(onSocket)
                .flatMap(page -> {
                    List<Future<Void>> sent = new ArrayList<>(page.size());
                    for (ReceivedEvent event : page) {
                        subscription.backfilled(event.id());
                        sent.add(subscription.out().send(frame(event)));
                    }
                    Uni<Void> pageSent = Uni.createFrom().completionStage(
                            Future.all(sent).<Void>mapEmpty().toCompletionStage());
                    return page.size() < pageSize
                            ? pageSent.replaceWith(offset + page.size())
                            : pageSent.flatMap(ignored -> backfillFrom(subscription, onSocket, offset + page.size()));
                });
    }

    /** One record of the {@code events} topic (reader thread). */
    void accept(SnapshotRecord record, Instant published) {
        if (record.isTombstone() || recentIds.put(record.workspaceId() + "/" + record.key(), Boolean.TRUE) != null) {
            return;
        }
        Set<EventSubscription> candidates = subscribers.get(record.workspaceId());
        if (candidates == null || candidates.isEmpty()) {
            return;
        }
        ReceivedEvent event;
        try {
            event = ReceivedEvent.published(mapper, record.data(), OffsetDateTime.ofInstant(published, ZoneOffset.UTC));
        } catch (IOException | RuntimeException e) {
            LOG.debugf("Not streaming invalid event %s: %s", record.key(), e.getMessage());
            return;
        }
        CandidateEvent candidate = new CandidateEvent(event);
        String frame = null;
        for (EventSubscription subscription : candidates) {
            if (subscription.includes(candidate)) {
                frame = frame == null ? frame(event) : frame;
                subscription.offer(event.id(), frame);
            }
        }
    }

    /** {@code {"type": "event", "event": <ReceivedEvent>}}, as {@code /events/filter} serves events. */
    String frame(ReceivedEvent event) {
        ObjectNode frame = mapper.createObjectNode();
        frame.put("type", "event");
        frame.set("event", mapper.valueToTree(event));
        try {
            return mapper.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
