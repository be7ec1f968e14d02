package dev.praetor.eventsservice.events;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** The bucket unit of time counts; a bucket is {@code interval} units long. */
public enum TimeUnit {
    week(Duration.ofDays(7)),
    day(Duration.ofDays(1)),
    hour(Duration.ofHours(1)),
    minute(Duration.ofMinutes(1)),
    second(Duration.ofSeconds(1));

    private final Duration unit;

    TimeUnit(Duration unit) {
        this.unit = unit;
    }

    /** {@code interval} units, to the microsecond (PostgreSQL's precision). */
    Duration times(double interval) {
        long micros = BigDecimal.valueOf(unit.toNanos() / 1000).multiply(BigDecimal.valueOf(interval))
                .setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        return Duration.ofNanos(micros * 1000);
    }

    /** The last microsecond of the unit-long period holding {@code time} (weeks end on Sunday), as Prefect does. */
    OffsetDateTime endOfPeriod(OffsetDateTime time) {
        OffsetDateTime end = switch (this) {
            case second -> time.truncatedTo(ChronoUnit.SECONDS);
            case minute -> time.truncatedTo(ChronoUnit.MINUTES);
            case hour -> time.truncatedTo(ChronoUnit.HOURS);
            case day -> time.truncatedTo(ChronoUnit.DAYS);
            case week -> time.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
        };
        Duration length = this == week ? Duration.ofDays(1) : unit;
        return end.plus(length).minusNanos(1000);
    }
}
