package dev.praetor.eventsservice.stream;

import dev.praetor.eventsservice.events.CandidateEvent;
import dev.praetor.eventsservice.events.EventFilter;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * One {@code /events/out} subscriber. Live events are registered before the backfill is read, so none is missed; while
 * the backfill is being sent they are held (within the subscriber's bound) and sent after it, except those the
 * backfill already carried (Prefect's rule: no duplicates between backfill and live). Except for {@link #offer},
 * everything runs on the socket's context.
 */
public final class EventSubscription {
    private record Held(UUID id, String frame) {
    }

    private final UUID workspaceId;
    private final EventFilter filter;
    private final Outbound out;
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private final Set<UUID> backfilled = new HashSet<>();
    private boolean backfilling;

    EventSubscription(UUID workspaceId, EventFilter filter, Outbound out, boolean backfilling) {
        this.workspaceId = workspaceId;
        this.filter = filter;
        this.out = out;
        this.backfilling = backfilling;
    }

    public UUID workspaceId() {
        return workspaceId;
    }

    public EventFilter filter() {
        return filter;
    }

    Outbound out() {
        return out;
    }

    boolean includes(CandidateEvent candidate) {
        return filter.includes(candidate);
    }

    /** A live event that matched (reader thread): reserved now, handled in order on the socket's context. */
    void offer(UUID eventId, String frame) {
        if (out.reserve(frame)) {
            out.onContext(() -> deliver(eventId, frame));
        }
    }

    /** Remembers an event sent by the backfill, so that its live copy is not sent again. */
    void backfilled(UUID eventId) {
        backfilled.add(eventId);
    }

    /** The backfill is over (sent, or given up): the held live events follow. */
    void backfillEnded() {
        backfilling = false;
        while (!held.isEmpty()) {
            Held next = held.poll();
            deliver(next.id(), next.frame());
        }
    }

    private void deliver(UUID eventId, String frame) {
        if (backfilling) {
            held.add(new Held(eventId, frame));
        } else if (!backfilled.isEmpty() && backfilled.remove(eventId)) {
            out.release(frame);
        } else {
            out.write(frame);
        }
    }
}
