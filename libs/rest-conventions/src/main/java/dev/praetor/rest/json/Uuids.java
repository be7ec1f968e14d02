package dev.praetor.rest.json;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.regex.Pattern;

/** UUID parsing as lenient as Pydantic's and time-ordered ids (UUIDv7) so that ID_DESC lists newest first. */
public final class Uuids {
    /** Starlette's path convertor: 32 hex digits, hyphens optional. */
    public static final String PATH_PATTERN = "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}";
    private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Uuids() {
    }

    /** Hyphenated (any case), 32 hex digits, braces, {@code urn:uuid:}; null when the text is not a UUID. */
    public static UUID parseLenient(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (s.regionMatches(true, 0, "urn:uuid:", 0, 9)) {
            s = s.substring(9);
        }
        if (s.startsWith("{") && s.endsWith("}")) {
            s = s.substring(1, s.length() - 1);
        }
        String hex = s.replace("-", "");
        if (!HEX32.matcher(hex).matches() || (s.length() != 32 && s.length() != 36)) {
            return null;
        }
        return new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
    }

    /** A path {@code {id}}: not a UUID means the route does not match, which Prefect answers with 404. */
    public static UUID fromPath(String text) {
        UUID id = parseLenient(text);
        if (id == null) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        return id;
    }

    /**
     * {@code count} version-7 ids for one batch (e.g. the rows of one multi-row insert): one draw from the secure
     * generator for the whole batch instead of two per id.
     */
    public static UUID[] timeOrdered(int count) {
        byte[] random = new byte[count * 10];
        RANDOM.nextBytes(random);
        long millis = System.currentTimeMillis();
        UUID[] ids = new UUID[count];
        for (int i = 0; i < count; i++) {
            int at = i * 10;
            long randA = ((random[at] & 0x0FL) << 8) | (random[at + 1] & 0xFFL);
            long randB = 0;
            for (int b = 2; b < 10; b++) {
                randB = (randB << 8) | (random[at + b] & 0xFFL);
            }
            ids[i] = new UUID((millis << 16) | (0x7L << 12) | randA, (randB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
        }
        return ids;
    }

    /** RFC 9562 version 7: 48-bit Unix milliseconds, then random bits. */
    public static UUID timeOrdered() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
