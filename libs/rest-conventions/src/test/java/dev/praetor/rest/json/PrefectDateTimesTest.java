package dev.praetor.rest.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PrefectDateTimesTest {

    @Test
    void formatsUtcWithZAndSixFractionDigitsOnlyWhenMicrosecondsAreSet() {
        assertEquals("2025-03-01T14:05:09.123456Z",
                PrefectDateTimes.format(OffsetDateTime.of(2025, 3, 1, 14, 5, 9, 123_456_789, ZoneOffset.UTC)));
        assertEquals("2025-03-01T14:05:09.000100Z",
                PrefectDateTimes.format(OffsetDateTime.of(2025, 3, 1, 14, 5, 9, 100_000, ZoneOffset.UTC)));
        assertEquals("2025-03-01T14:05:09Z", PrefectDateTimes.format(OffsetDateTime.of(2025, 3, 1, 14, 5, 9, 0, ZoneOffset.UTC)));
        assertEquals("2025-03-01T09:05:09-05:00",
                PrefectDateTimes.format(OffsetDateTime.of(2025, 3, 1, 9, 5, 9, 0, ZoneOffset.ofHours(-5))));
    }

    @Test
    void writesTheDateAsIsoLocalDateDoesForEveryYear() {
        for (int year : new int[] {-1, 0, 1, 9, 10, 99, 100, 999, 1000, 1970, 2025, 9999, 10000, 123456}) {
            OffsetDateTime at = OffsetDateTime.of(year, 7, 4, 1, 2, 3, 0, ZoneOffset.UTC);
            assertEquals(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE.format(at) + "T01:02:03Z",
                    PrefectDateTimes.format(at));
        }
    }

    @Test
    void parsesTheSpellingsThePythonClientSends() {
        OffsetDateTime expected = OffsetDateTime.of(2025, 3, 1, 14, 5, 9, 123_456_000, ZoneOffset.UTC);
        assertEquals(expected, PrefectDateTimes.parse("2025-03-01T14:05:09.123456Z"));
        assertEquals(expected, PrefectDateTimes.parse("2025-03-01 14:05:09.123456+00:00"));
        assertEquals(expected, PrefectDateTimes.parse("2025-03-01T14:05:09.123456"));
        assertEquals(expected.toInstant(), PrefectDateTimes.parse("2025-03-01T09:05:09.123456-05:00").toInstant());
        assertEquals(OffsetDateTime.of(2025, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC), PrefectDateTimes.parse("2025-03-01"));
        assertEquals(OffsetDateTime.of(1970, 1, 1, 0, 0, 1, 500_000_000, ZoneOffset.UTC), PrefectDateTimes.parse("1.5"));
        assertEquals(OffsetDateTime.of(2025, 3, 1, 14, 5, 0, 0, ZoneOffset.UTC), PrefectDateTimes.parse("2025-03-01T14:05Z"));
    }

    @Test
    void rejectsText() {
        assertThrows(DateTimeParseException.class, () -> PrefectDateTimes.parse("yesterday"));
    }

    @Test
    void uuidsParseLenientlyAndRejectGarbage() {
        UUID id = UUID.fromString("3fa85f64-5717-4562-b3fc-2c963f66afa6");
        assertEquals(id, Uuids.parseLenient("3FA85F64-5717-4562-B3FC-2C963F66AFA6"));
        assertEquals(id, Uuids.parseLenient("3fa85f6457174562b3fc2c963f66afa6"));
        assertEquals(id, Uuids.parseLenient("{3fa85f64-5717-4562-b3fc-2c963f66afa6}"));
        assertEquals(id, Uuids.parseLenient("urn:uuid:3fa85f64-5717-4562-b3fc-2c963f66afa6"));
        assertNull(Uuids.parseLenient("3fa85f64-5717-4562-b3fc"));
        assertNull(Uuids.parseLenient("not-a-uuid"));
    }

    @Test
    void timeOrderedIdsSortByCreation() throws InterruptedException {
        UUID first = Uuids.timeOrdered();
        Thread.sleep(2);
        UUID second = Uuids.timeOrdered();
        assertEquals(7, second.version());
        assertEquals(-1, Long.compareUnsigned(first.getMostSignificantBits(), second.getMostSignificantBits()));
    }
}
