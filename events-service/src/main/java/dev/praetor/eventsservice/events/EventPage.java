package dev.praetor.eventsservice.events;

import java.util.List;

/** Prefect's {@code EventPage}: one page of matching events, their total, and the URL of the next page or null. */
public record EventPage(List<ReceivedEvent> events, long total, String next_page) {
}
