package dev.praetor.eventsservice.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An event as a live subscription's filter sees it: the same shape the SQL filters see in {@code event_resource}
 * (one row per resource, the primary one with role '', labels without the id and role), prepared once per event and
 * shared by every subscriber that tests it.
 */
public final class CandidateEvent {
    /** One resource the event names, as a row of {@code event_resource}. */
    record ResourceRow(String id, String role, Map<String, String> labels) {
        /** The label as {@code ResourceSpecification} matches it: id and (where roles apply) role are columns. */
        String label(String name, boolean withRole) {
            if (name.equals(Event.RESOURCE_ID)) {
                return id;
            }
            if (withRole && name.equals(Event.RESOURCE_ROLE)) {
                return role;
            }
            return labels.get(name);
        }
    }

    private final ReceivedEvent event;
    private final List<ResourceRow> resources;
    private String searchableText;

    public CandidateEvent(ReceivedEvent event) {
        this.event = event;
        List<ResourceRow> rows = new ArrayList<>(1 + event.related().size());
        rows.add(row(event.resource(), ""));
        for (Map<String, String> related : event.related()) {
            rows.add(row(related, related.get(Event.RESOURCE_ROLE)));
        }
        this.resources = List.copyOf(rows);
    }

    public ReceivedEvent event() {
        return event;
    }

    /** The primary resource first, then each related one. */
    List<ResourceRow> resources() {
        return resources;
    }

    ResourceRow primary() {
        return resources.get(0);
    }

    /**
     * What text search looks into, lower-cased: the name, the resource, the related resources and the payload as
     * JSON text, as the SQL filter does (keys included).
     */
    String searchableText() {
        if (searchableText == null) {
            searchableText = (event.event() + " " + event.resource() + " " + event.related() + " " + event.payload())
                    .toLowerCase(Locale.ROOT);
        }
        return searchableText;
    }

    private static ResourceRow row(Map<String, String> labels, String role) {
        Map<String, String> rest = new LinkedHashMap<>(labels);
        rest.remove(Event.RESOURCE_ID);
        rest.remove(Event.RESOURCE_ROLE);
        return new ResourceRow(labels.get(Event.RESOURCE_ID), role, rest);
    }
}
