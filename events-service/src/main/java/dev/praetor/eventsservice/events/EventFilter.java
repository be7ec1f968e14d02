package dev.praetor.eventsservice.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.filter.Conditions;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Prefect's {@code EventFilter} (other-resources.md §6.2). Every criterion is ANDed; in these filters an empty list
 * means "no constraint" (unlike the run filters, where {@code any_: []} matches nothing). {@code related} and
 * {@code any_resource} take one object or a list of them (each must hold). Unknown keys are rejected.
 */
public record EventFilter(EventOccurredFilter occurred, EventNameFilter event, EventResourceFilter resource,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<EventRelatedFilter> related,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<EventAnyResourceFilter> any_resource,
        EventIdFilter id, EventTextFilter text, EventOrder order) {

    public static final EventFilter NONE = new EventFilter(null, null, null, null, null, null, null, null);

    /** This filter with its occurred window fixed (Prefect's defaults: start of today − 180 days, until now). */
    public EventFilter resolvedAt(OffsetDateTime now) {
        return new EventFilter(EventOccurredFilter.resolve(occurred, now), event, resource, related, any_resource, id,
                text, order);
    }

    /**
     * The filter of an {@code /events/out} subscription, as Prefect prepares it: resolved now, looking back at most
     * {@code maxBackfill} ({@code PREFECT_EVENTS_MAXIMUM_WEBSOCKET_BACKFILL}), in ascending order.
     */
    public EventFilter forSubscriptionAt(OffsetDateTime now, Duration maxBackfill) {
        EventOccurredFilter window = EventOccurredFilter.resolve(occurred, now);
        OffsetDateTime earliest = now.minus(maxBackfill);
        EventOccurredFilter clamped = new EventOccurredFilter(
                window.since().isBefore(earliest) ? earliest : window.since(), window.until());
        return new EventFilter(clamped, event, resource, related, any_resource, id, text, EventOrder.ASC);
    }

    /**
     * Whether a live event matches this (resolved) filter: the rules of {@link #addTo}, in memory. Cheap tests first,
     * since every subscriber of a workspace tests every event of that workspace.
     */
    public boolean includes(CandidateEvent candidate) {
        ReceivedEvent e = candidate.event();
        EventOccurredFilter window = occurred();
        if (window != null && window.since() != null && e.occurred().isBefore(window.since())) {
            return false;
        }
        if (window != null && window.until() != null && e.occurred().isAfter(window.until())) {
            return false;
        }
        return (event == null || event.includes(e.event()))
                && (id == null || id.includes(e.id()))
                && (resource == null || resource.includes(candidate))
                && (related == null || related.stream().allMatch(criterion -> criterion.includes(candidate)))
                && (any_resource == null || any_resource.stream().allMatch(criterion -> criterion.includes(candidate)))
                && (text == null || text.includes(candidate));
    }

    EventOrder orderOrDefault() {
        return order == null ? EventOrder.DESC : order;
    }

    boolean distinctResources() {
        return resource != null && Boolean.TRUE.equals(resource.distinct());
    }

    /** Adds this (resolved) filter's conditions on the event row {@code e}. */
    void addTo(Conditions c, EventScope scope) {
        c.add("e.occurred >= " + scope.since()).add("e.occurred <= " + scope.until());
        if (event != null) {
            event.addTo(c);
        }
        if (resource != null) {
            resource.addTo(c, scope);
        }
        if (related != null) {
            related.forEach(criterion -> criterion.addTo(c, scope));
        }
        if (any_resource != null) {
            any_resource.forEach(criterion -> criterion.addTo(c, scope));
        }
        if (id != null) {
            id.addTo(c);
        }
        if (text != null) {
            text.addTo(c);
        }
    }

    /** The checks Jackson cannot express, reported under {@code errors}' location of this filter. */
    void validate(Errors errors) {
        if (text != null) {
            text.validate(errors.nested("text"));
        }
        if (related != null) {
            for (int i = 0; i < related.size(); i++) {
                related.get(i).validate(errors.nested("related", i));
            }
        }
    }

    static boolean given(List<?> values) {
        return values != null && !values.isEmpty();
    }
}
