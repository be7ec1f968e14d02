package dev.praetor.deployments.schedules;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Set;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * RFC 5545 recurrence text as {@code dateutil.rrule.rrulestr} reads it (the parser behind Prefect's RRuleSchedule):
 * {@code DTSTART}, {@code RRULE}, {@code EXRULE}, {@code RDATE} and {@code EXDATE} lines, or one bare rule. Like
 * Prefect, every date in it is a wall-clock time: a {@code Z} or {@code TZID} is ignored and the schedule's timezone
 * applies. Occurrences come out as local times in order, without duplicates and exclusions.
 */
final class RRuleSet {
    /** dateutil's implicit DTSTART when the text has none. */
    static final LocalDateTime DEFAULT_DTSTART = LocalDateTime.of(2020, 1, 1, 0, 0);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final LocalDateTime dtstart;
    private final List<RecurrenceRule> rules;
    private final List<RecurrenceRule> exclusionRules;
    private final List<LocalDateTime> dates;
    private final Set<LocalDateTime> excludedDates;

    private RRuleSet(LocalDateTime dtstart, List<RecurrenceRule> rules,
            List<RecurrenceRule> exclusionRules, List<LocalDateTime> dates, Set<LocalDateTime> excludedDates) {
        this.dtstart = dtstart;
        this.rules = rules;
        this.exclusionRules = exclusionRules;
        this.dates = dates;
        this.excludedDates = excludedDates;
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} with dateutil-like reasons when it is invalid. */
    static RRuleSet parse(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.isBlank()) {
            throw new IllegalArgumentException("empty string");
        }
        List<String> lines = new ArrayList<>();
        for (String line : upper.split("\\r?\\n")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        LocalDateTime dtstart = null;
        List<RecurrenceRule> rules = new ArrayList<>();
        List<RecurrenceRule> exclusionRules = new ArrayList<>();
        List<LocalDateTime> dates = new ArrayList<>();
        Set<LocalDateTime> excludedDates = new HashSet<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            String name = colon < 0 ? "RRULE" : line.substring(0, colon);
            String value = colon < 0 ? line : line.substring(colon + 1);
            String[] params = name.split(";", -1);
            switch (params[0]) {
                case "RRULE" -> {
                    noParams(params, "RRULE");
                    rules.add(rule(value));
                }
                case "EXRULE" -> {
                    noParams(params, "EXRULE");
                    exclusionRules.add(rule(value));
                }
                case "RDATE" -> dates.addAll(dateValues(value));
                case "EXDATE" -> excludedDates.addAll(dateValues(value));
                case "DTSTART" -> {
                    List<LocalDateTime> values = dateValues(value);
                    if (values.size() != 1) {
                        throw new IllegalArgumentException("Multiple DTSTART values are not supported");
                    }
                    dtstart = values.get(0);
                }
                default -> throw new IllegalArgumentException("unsupported property: " + params[0]);
            }
        }
        return new RRuleSet(dtstart != null ? dtstart : DEFAULT_DTSTART, rules, exclusionRules, dates, excludedDates);
    }

    /** The one rule when the text is a single RRULE without other parts (Prefect anchors only those), else null. */
    RecurrenceRule singleRule() {
        return rules.size() == 1 && exclusionRules.isEmpty() && dates.isEmpty() && excludedDates.isEmpty()
                ? rules.get(0) : null;
    }

    /** Occurrences at or after {@code from} (local time), in order, without duplicates or excluded ones. */
    Iterator<LocalDateTime> occurrences(LocalDateTime from) {
        List<Iterator<LocalDateTime>> sources = new ArrayList<>();
        rules.forEach(rule -> sources.add(ruleOccurrences(rule, from)));
        sources.add(dates.stream().filter(d -> !d.isBefore(from)).sorted().iterator());
        List<Iterator<LocalDateTime>> exclusions = new ArrayList<>();
        exclusionRules.forEach(rule -> exclusions.add(ruleOccurrences(rule, from)));
        Iterator<LocalDateTime> merged = merge(sources);
        Iterator<LocalDateTime> excluded = merge(exclusions);
        return new Iterator<>() {
            private LocalDateTime next = advance();
            private LocalDateTime excludedHead = excluded.hasNext() ? excluded.next() : null;
            private LocalDateTime last;

            private LocalDateTime advance() {
                while (merged.hasNext()) {
                    LocalDateTime candidate = merged.next();
                    if (candidate.equals(last) || excludedDates.contains(candidate) || isExcludedByRule(candidate)) {
                        continue;
                    }
                    last = candidate;
                    return candidate;
                }
                return null;
            }

            private boolean isExcludedByRule(LocalDateTime candidate) {
                while (excludedHead != null && excludedHead.isBefore(candidate)) {
                    excludedHead = excluded.hasNext() ? excluded.next() : null;
                }
                return candidate.equals(excludedHead);
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public LocalDateTime next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                LocalDateTime current = next;
                next = advance();
                return current;
            }
        };
    }

    private Iterator<LocalDateTime> ruleOccurrences(RecurrenceRule rule, LocalDateTime from) {
        RecurrenceRuleIterator it = rule.iterator(floating(dtstart));
        // A COUNT is counted from DTSTART, so only rules without one may skip ahead.
        if (rule.getCount() == null && from.isAfter(dtstart)) {
            it.fastForward(floating(from.minusDays(1)));
        }
        return new Iterator<>() {
            private LocalDateTime next = advance();

            private LocalDateTime advance() {
                while (it.hasNext()) {
                    LocalDateTime candidate = local(it.nextDateTime());
                    if (!candidate.isBefore(from)) {
                        return candidate;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public LocalDateTime next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                LocalDateTime current = next;
                next = advance();
                return current;
            }
        };
    }

    private static Iterator<LocalDateTime> merge(List<Iterator<LocalDateTime>> sources) {
        record Head(LocalDateTime value, Iterator<LocalDateTime> source) {
        }
        PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> a.value().compareTo(b.value()));
        for (Iterator<LocalDateTime> source : sources) {
            if (source.hasNext()) {
                heads.add(new Head(source.next(), source));
            }
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public LocalDateTime next() {
                Head head = heads.remove();
                if (head.source().hasNext()) {
                    heads.add(new Head(head.source().next(), head.source()));
                }
                return head.value();
            }
        };
    }

    private static RecurrenceRule rule(String value) {
        RecurrenceRule rule;
        try {
            rule = new RecurrenceRule(value, RecurrenceRule.RfcMode.RFC5545_STRICT);
        } catch (InvalidRecurrenceRuleException | RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage() == null ? "invalid rule" : e.getMessage());
        }
        DateTime until = rule.getUntil();
        if (until != null) {
            // Wall-clock digits in the schedule's timezone, like DTSTART (a UTC "Z" is not honoured, as in Prefect).
            rule.setUntil(until.isAllDay() ? new DateTime(until.getYear(), until.getMonth(), until.getDayOfMonth(), 0, 0, 0)
                    : new DateTime(until.getYear(), until.getMonth(), until.getDayOfMonth(), until.getHours(),
                            until.getMinutes(), until.getSeconds()));
        }
        return rule;
    }

    private static void noParams(String[] params, String name) {
        if (params.length > 1) {
            throw new IllegalArgumentException("unsupported " + name + " parm: " + params[1]);
        }
    }

    private static List<LocalDateTime> dateValues(String value) {
        List<LocalDateTime> values = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            String text = item.strip();
            if (text.endsWith("Z")) {
                text = text.substring(0, text.length() - 1);
            }
            try {
                values.add(text.length() == 8 ? LocalDate.parse(text, DATE).atStartOfDay()
                        : LocalDateTime.parse(text, DATE_TIME));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("unknown string format: " + item);
            }
        }
        return values;
    }

    private static DateTime floating(LocalDateTime t) {
        return new DateTime(t.getYear(), t.getMonthValue() - 1, t.getDayOfMonth(), t.getHour(), t.getMinute(),
                t.getSecond());
    }

    private static LocalDateTime local(DateTime t) {
        return LocalDateTime.of(t.getYear(), t.getMonth() + 1, t.getDayOfMonth(), t.getHours(), t.getMinutes(),
                t.getSeconds());
    }
}
