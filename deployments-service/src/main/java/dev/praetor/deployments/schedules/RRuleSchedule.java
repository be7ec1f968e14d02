package dev.praetor.deployments.schedules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dmfs.rfc5545.recur.Freq;
import org.dmfs.rfc5545.recur.RecurrenceRule;

/** RFC 5545 recurrences (deployments.md §7.3); every date in the text is a wall-clock time in {@code timezone}. */
public record RRuleSchedule(String rrule, String timezone) implements Schedule {
    static final int MAX_LENGTH = 6500;
    private static final DateTimeFormatter DTSTART = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    @Override
    public String typeName() {
        return "RRuleSchedule";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("rrule", rrule);
        json.put("timezone", timezone);
        return json;
    }

    @Override
    public List<ZonedDateTime> dates(int n, Instant start, Instant end) {
        ZoneId zone = Timezones.zone(timezone);
        // A day earlier in local time covers any offset between the wall clock and the instant.
        Iterator<LocalDateTime> occurrences = RRuleSet.parse(rrule).occurrences(
                start.atZone(zone).toLocalDateTime().minusDays(1));
        Set<Instant> seen = new HashSet<>();
        List<ZonedDateTime> dates = new ArrayList<>();
        int counter = 0;
        while (occurrences.hasNext()) {
            ZonedDateTime date = ZonedDateTime.ofLocal(occurrences.next(), zone, null);
            if (date.toInstant().isBefore(start)) {
                continue;
            }
            if (end != null && date.toInstant().isAfter(end)) {
                break;
            }
            if (seen.add(date.toInstant())) {
                dates.add(date);
            }
            if (dates.size() >= n || counter > MAX_ITERATIONS) {
                break;
            }
            counter++;
        }
        dates.sort(null);
        return dates;
    }

    /**
     * Prefect's write-path normalisation (deployments.md §1.5): text without DTSTART gets one, so that evaluation
     * need not walk from 2020. A lone SECONDLY/MINUTELY rule without COUNT is anchored at the latest
     * {@code 2020-01-01 + k·INTERVAL} not after {@code now} in the schedule's timezone (the same occurrences);
     * anything else at 2020-01-01. Unparsable text is left alone (validation reports it).
     */
    static String withDtstart(String text, String timezone, Instant now) {
        if (text.toUpperCase(Locale.ROOT).contains("DTSTART")) {
            return text;
        }
        RRuleSet parsed;
        try {
            parsed = RRuleSet.parse(text);
        } catch (IllegalArgumentException e) {
            return text;
        }
        LocalDateTime anchor = RRuleSet.DEFAULT_DTSTART;
        RecurrenceRule rule = parsed.singleRule();
        if (rule != null && rule.getCount() == null && (rule.getFreq() == Freq.SECONDLY || rule.getFreq() == Freq.MINUTELY)) {
            long period = (rule.getFreq() == Freq.SECONDLY ? 1L : 60L) * rule.getInterval();
            LocalDateTime localNow = now.atZone(Timezones.zone(timezone)).toLocalDateTime();
            long elapsed = Duration.between(RRuleSet.DEFAULT_DTSTART, localNow).getSeconds();
            if (elapsed > 0) {
                anchor = RRuleSet.DEFAULT_DTSTART.plusSeconds(elapsed / period * period);
            }
        }
        return "DTSTART:" + DTSTART.format(anchor) + "\n" + text;
    }
}
