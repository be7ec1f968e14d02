package dev.praetor.eventsservice.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Both bounds inclusive; a missing bound takes Prefect's default when the query runs. */
public record EventOccurredFilter(OffsetDateTime since, OffsetDateTime until) {
    static final int DEFAULT_LOOKBACK_DAYS = 180;

    static EventOccurredFilter resolve(EventOccurredFilter given, OffsetDateTime now) {
        OffsetDateTime since = given == null ? null : given.since();
        OffsetDateTime until = given == null ? null : given.until();
        return new EventOccurredFilter(
                since != null ? since : now.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS)
                        .minusDays(DEFAULT_LOOKBACK_DAYS),
                until != null ? until : now);
    }
}
