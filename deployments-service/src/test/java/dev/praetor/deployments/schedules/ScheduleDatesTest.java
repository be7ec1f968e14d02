package dev.praetor.deployments.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.rest.errors.Errors;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dates, serialisation and validation of the three schedule shapes (deployments.md §7), without a server. */
class ScheduleDatesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private static Schedule parse(String json) throws Exception {
        Errors errors = Errors.forBody();
        Schedule schedule = Schedules.parse(JSON.readTree(json), errors, NOW);
        errors.throwIfAny();
        return schedule;
    }

    private static List<String> dates(Schedule schedule, int n, String start) {
        return schedule.dates(n, Instant.parse(start), null).stream().map(d -> d.toOffsetDateTime().toString()).toList();
    }

    private static String firstError(String json) throws Exception {
        Errors errors = Errors.forBody();
        assertNull(Schedules.parse(JSON.readTree(json), errors, NOW));
        return errors.list().get(0).msg();
    }

    @Test
    void intervalDatesFollowTheAnchorGrid() throws Exception {
        Schedule hourly = parse("{\"interval\": 3600, \"anchor_date\": \"2025-01-01T00:30:00Z\"}");
        assertEquals(List.of("2025-03-01T12:30Z", "2025-03-01T13:30Z", "2025-03-01T14:30Z"),
                dates(hourly, 3, "2025-03-01T12:00:00Z"));
    }

    @Test
    void dailyIntervalKeepsTheLocalTimeAcrossDst() throws Exception {
        Schedule daily = parse("{\"interval\": 86400, \"anchor_date\": \"2025-03-01T14:00:00Z\", "
                + "\"timezone\": \"America/New_York\"}");
        // 09:00 New York before and after the switch to summer time on 9 March
        assertEquals(List.of("2025-03-08T09:00-05:00", "2025-03-09T09:00-04:00", "2025-03-10T09:00-04:00"),
                dates(daily, 3, "2025-03-08T00:00:00Z"));
    }

    @Test
    void intervalSerialisesWithOnlyItsKeysAndSecondsAsFloat() throws Exception {
        JsonNode json = parse("{\"interval\": \"PT1H\", \"anchor_date\": \"2025-01-01T00:00:00-05:00\"}").toJson();
        assertEquals("{\"interval\":3600.0,\"anchor_date\":\"2025-01-01T00:00:00-05:00\",\"timezone\":\"UTC\"}",
                JSON.writeValueAsString(json));
    }

    @Test
    void cronIncludesAMatchingStartAndHonoursTheTimezone() throws Exception {
        Schedule weekdays = parse("{\"cron\": \"0 9 * * 1-5\", \"timezone\": \"America/New_York\"}");
        // Friday 28 Feb 2025, 14:00 UTC is 09:00 New York: included; then Monday and Tuesday
        assertEquals(List.of("2025-02-28T09:00-05:00", "2025-03-03T09:00-05:00", "2025-03-04T09:00-05:00"),
                dates(weekdays, 3, "2025-02-28T14:00:00Z"));
        assertEquals("{\"cron\":\"0 9 * * 1-5\",\"timezone\":\"America/New_York\",\"day_or\":true}",
                JSON.writeValueAsString(weekdays.toJson()));
    }

    @Test
    void cronDayOrDecidesHowDayOfMonthAndWeekdayCombine() throws Exception {
        // the 13th OR any Friday, versus Friday the 13th only
        Schedule either = parse("{\"cron\": \"0 0 13 * 5\"}");
        Schedule both = parse("{\"cron\": \"0 0 13 * 5\", \"day_or\": false}");
        assertEquals(List.of("2025-06-06T00:00Z", "2025-06-13T00:00Z"), dates(either, 2, "2025-06-01T00:00:00Z"));
        assertEquals(List.of("2025-06-13T00:00Z", "2026-02-13T00:00Z"), dates(both, 2, "2025-06-01T00:00:00Z"));
    }

    @Test
    void cronSupportsAliasesNamesLastDayAndNthWeekday() throws Exception {
        assertEquals(List.of("2025-03-01T13:00Z"), dates(parse("{\"cron\": \"@hourly\"}"), 1, "2025-03-01T12:00:01Z"));
        assertEquals(List.of("2025-03-31T00:00Z"), dates(parse("{\"cron\": \"0 0 L * *\"}"), 1, "2025-03-02T00:00:00Z"));
        assertEquals(List.of("2025-03-11T00:00Z"), dates(parse("{\"cron\": \"0 0 * * tue#2\"}"), 1, "2025-03-01T00:00:00Z"));
        assertEquals(List.of("2025-12-01T00:00Z"), dates(parse("{\"cron\": \"0 0 1 dec *\"}"), 1, "2025-03-01T00:00:00Z"));
    }

    @Test
    void rruleKeepsWallClockTimesInItsTimezone() throws Exception {
        Schedule rrule = parse("{\"rrule\": \"DTSTART:20250101T090000\\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE\", "
                + "\"timezone\": \"Europe/Berlin\"}");
        assertEquals(List.of("2025-03-03T09:00+01:00", "2025-03-05T09:00+01:00"), dates(rrule, 2, "2025-03-01T00:00:00Z"));
        // still 09:00 in Berlin after the switch to summer time on 30 March
        assertEquals(List.of("2025-03-31T09:00+02:00"), dates(rrule, 1, "2025-03-30T12:00:00Z"));
    }

    @Test
    void rruleWithoutDtstartGetsOneOnTheWritePath() throws Exception {
        RRuleSchedule daily = (RRuleSchedule) parse("{\"rrule\": \"FREQ=DAILY;BYHOUR=6\"}");
        assertEquals("DTSTART:20200101T000000\nFREQ=DAILY;BYHOUR=6", daily.rrule());
        RRuleSchedule minutely = (RRuleSchedule) parse("{\"rrule\": \"RRULE:FREQ=MINUTELY;INTERVAL=7\"}");
        // the latest 2020-01-01 + k·7 min not after now (12:00 happens to be on that grid): the same occurrences
        assertEquals("DTSTART:20250301T120000\nRRULE:FREQ=MINUTELY;INTERVAL=7", minutely.rrule());
        assertEquals(List.of("2025-03-01T12:07Z"), dates(minutely, 1, "2025-03-01T12:00:01Z"));
    }

    @Test
    void rruleSetsMergeDatesAndExclusions() throws Exception {
        Schedule set = parse("{\"rrule\": \"DTSTART:20250301T100000\\nRRULE:FREQ=DAILY;COUNT=5\\n"
                + "RDATE:20250301T150000\\nEXDATE:20250302T100000\"}");
        assertEquals(List.of("2025-03-01T10:00Z", "2025-03-01T15:00Z", "2025-03-03T10:00Z", "2025-03-04T10:00Z",
                "2025-03-05T10:00Z"), dates(set, 10, "2025-03-01T00:00:00Z"));
    }

    @Test
    void datesStopAtTheEnd() throws Exception {
        Schedule hourly = parse("{\"interval\": 3600, \"anchor_date\": \"2025-01-01T00:00:00Z\"}");
        List<ZonedDateTime> dates = hourly.dates(100, NOW, NOW.plus(Duration.ofHours(2)));
        assertEquals(3, dates.size());
    }

    @Test
    void invalidSchedulesGetPrefectsMessages() throws Exception {
        assertEquals("Value error, Invalid cron string: \"61 * * * *\"", firstError("{\"cron\": \"61 * * * *\"}"));
        assertEquals("Value error, Random and Hashed expressions are unsupported, received: \"H * * * *\"",
                firstError("{\"cron\": \"H * * * *\"}"));
        assertEquals("Value error, Invalid timezone: \"Mars/Base\" (specify in IANA tzdata format, for example, "
                + "America/New_York)", firstError("{\"cron\": \"* * * * *\", \"timezone\": \"Mars/Base\"}"));
        assertEquals("Value error, interval must be positive", firstError("{\"interval\": 0}"));
        assertTrue(firstError("{\"rrule\": \"FREQ=SOMETIMES\"}").startsWith("Value error, Invalid RRule string \"FREQ=SOMETIMES\": "));
        assertEquals("Extra inputs are not permitted", firstError("{\"cron\": \"* * * * *\", \"interval\": 5}"));
        assertEquals("Extra inputs are not permitted", firstError("{\"rrule\": \"FREQ=DAILY\", \"day_or\": true}"));
    }

    @Test
    void pythonStrOfDatesForIdempotencyKeys() {
        assertEquals("2025-03-02 09:00:00-05:00",
                PythonDates.str(ZonedDateTime.parse("2025-03-02T09:00:00-05:00[America/New_York]")));
        assertEquals("2025-03-02 09:00:00.123456+00:00",
                PythonDates.str(OffsetDateTime.parse("2025-03-02T09:00:00.123456Z").toZonedDateTime()));
    }
}
