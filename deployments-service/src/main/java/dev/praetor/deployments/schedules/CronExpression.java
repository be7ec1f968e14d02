package dev.praetor.deployments.schedules;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A cron expression with croniter's grammar, the one Prefect validates and evaluates with: five fields (minute, hour,
 * day of month, month, day of week) and an optional sixth for seconds; {@code *}, {@code ?}, lists, ranges, steps,
 * month and weekday names, {@code 7} for Sunday, {@code L} (last day of the month), {@code xL} (last weekday x of
 * the month), {@code x#n} (n-th weekday x) and the {@code @hourly}-style aliases. With {@code day_or} (classic cron)
 * a day matches when its day of month OR its weekday matches, if both fields are restricted; otherwise both must.
 */
final class CronExpression {
    private static final Map<String, String> ALIASES = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
    private static final List<String> WEEKDAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
    /** Enough days to find e.g. a 29 February that is a Monday (28-year cycle) when both day fields must match. */
    private static final int SEARCH_DAYS = 366 * 30;

    private final BitSet seconds = new BitSet(60);
    private final BitSet minutes = new BitSet(60);
    private final BitSet hours = new BitSet(24);
    private final BitSet daysOfMonth = new BitSet(32);
    private final BitSet months = new BitSet(13);
    private final BitSet daysOfWeek = new BitSet(7);
    /** {@code L} in the day-of-month field. */
    private boolean lastDayOfMonth;
    /** {@code xL}: weekdays (0 = Sunday) whose last occurrence in the month matches. */
    private final BitSet lastWeekdays = new BitSet(7);
    /** {@code x#n}: pairs of weekday and occurrence. */
    private final List<int[]> nthWeekdays = new ArrayList<>();
    private boolean dayOfMonthRestricted;
    private boolean dayOfWeekRestricted;
    private final boolean dayOr;

    private CronExpression(boolean dayOr) {
        this.dayOr = dayOr;
    }

    /** Whether the expression uses croniter's random ({@code R}) or hashed ({@code H}) fields, which Prefect refuses. */
    static boolean isRandomOrHashed(String text) {
        for (String field : text.trim().split("\\s+")) {
            if (field.equalsIgnoreCase("r") || field.equalsIgnoreCase("h")) {
                return true;
            }
        }
        return false;
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} when it is not a valid expression. */
    static CronExpression parse(String text, boolean dayOr) {
        String expanded = ALIASES.getOrDefault(text.trim().toLowerCase(Locale.ROOT), text.trim());
        String[] fields = expanded.split("\\s+");
        if (fields.length != 5 && fields.length != 6) {
            throw new IllegalArgumentException("expected 5 or 6 fields");
        }
        CronExpression cron = new CronExpression(dayOr);
        cron.parseField(fields[0], cron.minutes, 0, 59, null);
        cron.parseField(fields[1], cron.hours, 0, 23, null);
        cron.dayOfMonthRestricted = cron.parseDayOfMonth(fields[2]);
        cron.parseField(fields[3], cron.months, 1, 12, MONTHS);
        cron.dayOfWeekRestricted = cron.parseDayOfWeek(fields[4]);
        if (fields.length == 6) {
            cron.parseField(fields[5], cron.seconds, 0, 59, null);
        } else {
            cron.seconds.set(0);
        }
        return cron;
    }

    /** The first matching wall-clock time at or after {@code from} (whole seconds), or null if none is near. */
    LocalDateTime next(LocalDateTime from) {
        LocalDateTime t = from.withNano(0);
        if (from.getNano() > 0) {
            t = t.plusSeconds(1);
        }
        LocalDate day = t.toLocalDate();
        LocalTime time = t.toLocalTime();
        for (int i = 0; i < SEARCH_DAYS; i++) {
            if (!months.get(day.getMonthValue())) {
                day = day.with(TemporalAdjusters.firstDayOfNextMonth());
                time = LocalTime.MIDNIGHT;
                continue;
            }
            if (dayMatches(day)) {
                LocalTime match = firstTimeAtOrAfter(time);
                if (match != null) {
                    return LocalDateTime.of(day, match);
                }
            }
            day = day.plusDays(1);
            time = LocalTime.MIDNIGHT;
        }
        return null;
    }

    private LocalTime firstTimeAtOrAfter(LocalTime from) {
        for (int h = hours.nextSetBit(from.getHour()); h >= 0; h = hours.nextSetBit(h + 1)) {
            int minuteFrom = h == from.getHour() ? from.getMinute() : 0;
            for (int m = minutes.nextSetBit(minuteFrom); m >= 0; m = minutes.nextSetBit(m + 1)) {
                int secondFrom = h == from.getHour() && m == from.getMinute() ? from.getSecond() : 0;
                int s = seconds.nextSetBit(secondFrom);
                if (s >= 0) {
                    return LocalTime.of(h, m, s);
                }
            }
        }
        return null;
    }

    private boolean dayMatches(LocalDate day) {
        int dayOfMonth = day.getDayOfMonth();
        boolean monthDay = daysOfMonth.get(dayOfMonth) || lastDayOfMonth && dayOfMonth == day.lengthOfMonth();
        int weekday = day.getDayOfWeek().getValue() % 7;
        boolean weekDay = daysOfWeek.get(weekday)
                || lastWeekdays.get(weekday) && dayOfMonth + 7 > day.lengthOfMonth();
        for (int[] nth : nthWeekdays) {
            weekDay |= nth[0] == weekday && (dayOfMonth - 1) / 7 + 1 == nth[1];
        }
        if (dayOr && dayOfMonthRestricted && dayOfWeekRestricted) {
            return monthDay || weekDay;
        }
        return monthDay && weekDay;
    }

    /** Returns whether the field restricts days (anything but {@code *} / {@code ?}). */
    private boolean parseDayOfMonth(String field) {
        if (isWildcard(field)) {
            daysOfMonth.set(1, 32);
            return false;
        }
        for (String item : field.split(",", -1)) {
            if (item.equalsIgnoreCase("l")) {
                lastDayOfMonth = true;
            } else {
                parseItem(item, daysOfMonth, 1, 31, null);
            }
        }
        return true;
    }

    private boolean parseDayOfWeek(String field) {
        if (isWildcard(field)) {
            daysOfWeek.set(0, 7);
            return false;
        }
        for (String item : field.split(",", -1)) {
            String lower = item.toLowerCase(Locale.ROOT);
            if (lower.contains("#")) {
                String[] parts = lower.split("#", -1);
                int occurrence = number(parts[1], 1, 5, null);
                nthWeekdays.add(new int[] {number(parts[0], 0, 7, WEEKDAYS) % 7, occurrence});
            } else if (lower.length() > 1 && lower.endsWith("l")) {
                lastWeekdays.set(number(lower.substring(0, lower.length() - 1), 0, 7, WEEKDAYS) % 7);
            } else {
                BitSet values = new BitSet(8);
                parseItem(item, values, 0, 7, WEEKDAYS);
                if (values.get(7)) {
                    values.set(0);
                    values.clear(7);
                }
                daysOfWeek.or(values);
            }
        }
        return true;
    }

    private void parseField(String field, BitSet target, int min, int max, List<String> names) {
        if (isWildcard(field)) {
            target.set(min, max + 1);
            return;
        }
        for (String item : field.split(",", -1)) {
            parseItem(item, target, min, max, names);
        }
    }

    /** A star, a star with a step, {@code a}, {@code a-b}, {@code a-b/s} or {@code a/s} (a to the maximum, step s). */
    private static void parseItem(String item, BitSet target, int min, int max, List<String> names) {
        if (item.isEmpty()) {
            throw new IllegalArgumentException("empty list item");
        }
        String range = item;
        int step = 1;
        int slash = item.indexOf('/');
        if (slash >= 0) {
            range = item.substring(0, slash);
            step = number(item.substring(slash + 1), 1, max, null);
        }
        int low;
        int high;
        if (range.equals("*")) {
            low = min;
            high = max;
        } else if (range.indexOf('-') > 0) {
            String[] bounds = range.split("-", -1);
            if (bounds.length != 2) {
                throw new IllegalArgumentException("bad range " + range);
            }
            low = number(bounds[0], min, max, names);
            high = number(bounds[1], min, max, names);
            if (low > high) {
                throw new IllegalArgumentException("bad range " + range);
            }
        } else {
            low = number(range, min, max, names);
            high = slash >= 0 ? max : low;
        }
        for (int v = low; v <= high; v += step) {
            target.set(v);
        }
    }

    private static int number(String text, int min, int max, List<String> names) {
        if (names != null) {
            int index = names.indexOf(text.toLowerCase(Locale.ROOT));
            if (index >= 0) {
                return names == MONTHS ? index + 1 : index;
            }
        }
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not a number: " + text);
        }
        int value = Integer.parseInt(text);
        if (value < min || value > max) {
            throw new IllegalArgumentException("out of range: " + text);
        }
        return value;
    }

    private static boolean isWildcard(String field) {
        return field.equals("*") || field.equals("?");
    }
}
