package dev.praetor.deployments.schedules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.rest.json.PrefectDateTimes;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Dates {@code anchor_date + k·interval} (deployments.md §7.1). Whole days of the interval are added as calendar days
 * in the timezone (a daily 09:00 schedule stays at 09:00 local across DST changes), the remainder as exact seconds.
 */
public record IntervalSchedule(Duration interval, OffsetDateTime anchorDate, String timezone) implements Schedule {

    @Override
    public String typeName() {
        return "IntervalSchedule";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("interval", seconds(interval).doubleValue());
        json.put("anchor_date", PrefectDateTimes.format(anchorDate));
        json.put("timezone", timezone);
        return json;
    }

    @Override
    public List<ZonedDateTime> dates(int n, Instant start, Instant end) {
        ZoneId zone = Timezones.zone(timezone);
        ZonedDateTime anchor = anchorDate.atZoneSameInstant(zone);
        ZonedDateTime localStart = start.atZone(zone);
        long days = interval.toDays();
        Duration remainder = interval.minusDays(days);
        // Jump close to start in exact seconds (as Prefect does), then step with the calendar-aware advance.
        BigDecimal offset = seconds(Duration.between(anchor, localStart)).divide(seconds(interval), 0,
                java.math.RoundingMode.DOWN);
        ZonedDateTime next = anchor.plus(interval.multipliedBy(offset.longValueExact()));
        while (next.isBefore(localStart)) {
            next = next.plusDays(days).plus(remainder);
        }
        Set<Instant> seen = new LinkedHashSet<>();
        List<ZonedDateTime> dates = new ArrayList<>();
        for (int counter = 0; ; counter++) {
            if (end != null && next.toInstant().isAfter(end)) {
                break;
            }
            // DST folds can produce the same instant twice
            if (seen.add(next.toInstant())) {
                dates.add(next);
            }
            if (dates.size() >= n || counter > MAX_ITERATIONS) {
                break;
            }
            next = next.plusDays(days).plus(remainder);
        }
        dates.sort(null);
        return dates;
    }

    static BigDecimal seconds(Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
    }
}
