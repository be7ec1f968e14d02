package dev.praetor.deployments.schedules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cron matches of the wall clock in {@code timezone} (deployments.md §7.2); a start that is itself a match is
 * included. Like Prefect, the expression runs on naive local times, each then placed in the zone: a time skipped by
 * DST moves forward by the gap, a repeated one is taken the first time it occurs.
 */
public record CronSchedule(String cron, String timezone, boolean dayOr) implements Schedule {

    @Override
    public String typeName() {
        return "CronSchedule";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("cron", cron);
        json.put("timezone", timezone);
        json.put("day_or", dayOr);
        return json;
    }

    @Override
    public List<ZonedDateTime> dates(int n, Instant start, Instant end) {
        ZoneId zone = Timezones.zone(timezone);
        CronExpression expression = CronExpression.parse(cron, dayOr);
        Set<Instant> seen = new HashSet<>();
        List<ZonedDateTime> dates = new ArrayList<>();
        LocalDateTime cursor = start.atZone(zone).toLocalDateTime();
        for (int counter = 0; ; counter++) {
            LocalDateTime match = expression.next(cursor);
            if (match == null) {
                break;
            }
            ZonedDateTime date = ZonedDateTime.ofLocal(match, zone, null);
            if (end != null && date.toInstant().isAfter(end)) {
                break;
            }
            if (seen.add(date.toInstant())) {
                dates.add(date);
            }
            if (dates.size() >= n || counter > MAX_ITERATIONS) {
                break;
            }
            cursor = match.plusSeconds(1);
        }
        dates.sort(null);
        return dates;
    }
}
