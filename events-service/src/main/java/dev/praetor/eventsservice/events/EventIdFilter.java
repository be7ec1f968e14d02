package dev.praetor.eventsservice.events;

import static dev.praetor.eventsservice.events.EventFilter.given;

import dev.praetor.rest.filter.Conditions;
import java.util.List;
import java.util.UUID;

public record EventIdFilter(List<UUID> id) {
    boolean includes(UUID eventId) {
        return !given(id) || id.contains(eventId);
    }

    void addTo(Conditions c) {
        if (given(id)) {
            c.anyUuid("e.id", id);
        }
    }
}
