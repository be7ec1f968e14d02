package dev.praetor.deployments.schedules;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

/** IANA timezone names as Prefect validates them (its tz database list; Java's is the same database). */
final class Timezones {
    private static final Set<String> AVAILABLE = ZoneId.getAvailableZoneIds();

    private Timezones() {
    }

    static boolean isValid(String name) {
        return AVAILABLE.contains(name) || "UTC".equals(name);
    }

    static String invalidMessage(String name) {
        return "Invalid timezone: \"" + name + "\" (specify in IANA tzdata format, for example, America/New_York)";
    }

    /** The zone of a schedule; null (cron without timezone) means UTC. */
    static ZoneId zone(String name) {
        return name == null || name.isEmpty() ? ZoneOffset.UTC : ZoneId.of(name);
    }
}
