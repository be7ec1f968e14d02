package dev.praetor.eventsservice.events;

/** The order of {@code occurred} in filtered results; the event id breaks ties so that pages are stable. */
public enum EventOrder {
    ASC,
    DESC;

    String orderBy(String alias) {
        return alias + ".occurred " + name() + ", " + alias + ".id " + name();
    }
}
