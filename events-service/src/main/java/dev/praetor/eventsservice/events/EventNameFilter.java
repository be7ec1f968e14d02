package dev.praetor.eventsservice.events;

import static dev.praetor.eventsservice.events.EventFilter.given;

import dev.praetor.rest.filter.Conditions;
import java.util.List;

/** Event names: any of the prefixes, none of the excluded prefixes, any of the names, none of the excluded names. */
public record EventNameFilter(List<String> prefix, List<String> exclude_prefix, List<String> name,
        List<String> exclude_name) {

    /** The same rules as {@link #addTo}, for a live event. */
    boolean includes(String name) {
        return (!given(prefix) || prefix.stream().anyMatch(name::startsWith))
                && (!given(exclude_prefix) || exclude_prefix.stream().noneMatch(name::startsWith))
                && (!given(this.name) || this.name.contains(name))
                && (!given(exclude_name) || !exclude_name.contains(name));
    }

    void addTo(Conditions c) {
        if (given(prefix)) {
            c.add(EventScope.startsWithAny(c, "e.event", prefix));
        }
        if (given(exclude_prefix)) {
            c.add("NOT (" + EventScope.startsWithAny(c, "e.event", exclude_prefix) + ")");
        }
        if (given(name)) {
            c.anyText("e.event", name);
        }
        if (given(exclude_name)) {
            c.notAnyText("e.event", exclude_name);
        }
    }
}
