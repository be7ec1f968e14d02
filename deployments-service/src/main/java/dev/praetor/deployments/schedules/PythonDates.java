package dev.praetor.deployments.schedules;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Datetimes written as Python's {@code str(datetime)} writes them, for keys Prefect builds from dates. */
public final class PythonDates {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private PythonDates() {
    }

    /** {@code 2025-03-02 09:00:00-05:00}; microseconds only when non-zero; the offset always as {@code ±HH:MM}. */
    public static String str(ZonedDateTime value) {
        StringBuilder out = new StringBuilder(DATE_TIME.format(value));
        int micros = value.getNano() / 1000;
        if (micros != 0) {
            out.append('.').append(String.format("%06d", micros));
        }
        int seconds = value.getOffset().getTotalSeconds();
        int abs = Math.abs(seconds);
        out.append(seconds < 0 ? '-' : '+').append(String.format("%02d:%02d", abs / 3600, abs / 60 % 60));
        if (abs % 60 != 0) {
            out.append(String.format(":%02d", abs % 60));
        }
        return out.toString();
    }
}
