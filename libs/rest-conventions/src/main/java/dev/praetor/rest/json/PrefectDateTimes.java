package dev.praetor.rest.json;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

/** Datetimes as Prefect writes and (leniently, like Pydantic) reads them (conventions.md §9). */
public final class PrefectDateTimes {
    private static final DateTimeFormatter LENIENT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().optionalStart().appendLiteral('T').optionalEnd().optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd().optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .optionalEnd()
            .toFormatter();

    private PrefectDateTimes() {
    }

    /** {@code 2025-03-01T14:05:09.123456Z}: six fraction digits only when microseconds are non-zero; {@code Z} for UTC. */
    public static String format(OffsetDateTime value) {
        OffsetDateTime v = value.truncatedTo(ChronoUnit.MICROS);
        StringBuilder out = new StringBuilder(32);
        int year = v.getYear();
        if (year >= 0 && year <= 9999) {
            // what ISO_LOCAL_DATE writes for these years, without its per-call formatting machinery
            pad(out, year / 100);
            pad(out, year % 100);
            out.append('-');
            pad(out, v.getMonthValue());
            out.append('-');
            pad(out, v.getDayOfMonth());
        } else {
            out.append(DateTimeFormatter.ISO_LOCAL_DATE.format(v));
        }
        out.append('T');
        pad(out, v.getHour());
        out.append(':');
        pad(out, v.getMinute());
        out.append(':');
        pad(out, v.getSecond());
        int micros = v.getNano() / 1000;
        if (micros != 0) {
            String digits = Integer.toString(micros);
            out.append('.').append("000000", 0, 6 - digits.length()).append(digits);
        }
        if (v.getOffset().equals(ZoneOffset.UTC)) {
            out.append('Z');
        } else {
            out.append(v.getOffset().getId());
        }
        return out.toString();
    }

    public static String format(Instant value) {
        return format(value.atOffset(ZoneOffset.UTC));
    }

    /**
     * Accepts {@code T} or a space, 1-9 fraction digits, an offset or none (naive = UTC), a date alone
     * (midnight UTC) and numbers (Unix seconds).
     */
    public static OffsetDateTime parse(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new DateTimeParseException("empty datetime", text, 0);
        }
        if (isNumeric(s)) {
            return fromEpochSeconds(new BigDecimal(s));
        }
        TemporalAccessor parsed = LENIENT.parse(s);
        if (!parsed.isSupported(ChronoField.HOUR_OF_DAY)) {
            return LocalDate.from(parsed).atStartOfDay().atOffset(ZoneOffset.UTC);
        }
        LocalDateTime local = LocalDateTime.of(LocalDate.from(parsed),
                java.time.LocalTime.of(parsed.get(ChronoField.HOUR_OF_DAY), parsed.get(ChronoField.MINUTE_OF_HOUR),
                        parsed.isSupported(ChronoField.SECOND_OF_MINUTE) ? parsed.get(ChronoField.SECOND_OF_MINUTE) : 0,
                        parsed.isSupported(ChronoField.NANO_OF_SECOND) ? parsed.get(ChronoField.NANO_OF_SECOND) : 0));
        ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)) : ZoneOffset.UTC;
        return OffsetDateTime.of(local, offset);
    }

    public static OffsetDateTime fromEpochSeconds(BigDecimal seconds) {
        BigDecimal micros = seconds.movePointRight(6);
        long m = micros.longValue();
        return Instant.EPOCH.plus(m, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static boolean isNumeric(String s) {
        try {
            new BigDecimal(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void pad(StringBuilder out, int value) {
        if (value < 10) {
            out.append('0');
        }
        out.append(value);
    }
}
