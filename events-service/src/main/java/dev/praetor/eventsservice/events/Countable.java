package dev.praetor.eventsservice.events;

/** What {@code /events/count-by/{countable}} groups events by; {@code day} is {@code time} in days of one. */
public enum Countable {
    day,
    time,
    event,
    resource
}
