package dev.praetor.eventsservice.events;

import java.time.OffsetDateTime;

/** One row of {@code POST /events/count-by/{countable}}. */
public record EventCount(String value, String label, long count, OffsetDateTime start_time, OffsetDateTime end_time) {
}
