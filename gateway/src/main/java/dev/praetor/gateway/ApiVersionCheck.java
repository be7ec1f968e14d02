package dev.praetor.gateway;

/**
 * Prefect's {@code X-PREFECT-API-VERSION} rule (conventions.md §3): absent or empty passes; three integers at least
 * {@code 0.8.0} pass (no upper bound); anything else is refused with Prefect's exact message.
 */
final class ApiVersionCheck {

    static final String HEADER = "X-PREFECT-API-VERSION";

    /** What the Python client sends on every request: accepted without parsing. */
    private static final String CLIENT_VERSION = "0.8.4";
    private static final String MINIMUM = "0.8.0";
    private static final long MINIMUM_MINOR = 8;
    private static final long NOT_AN_INT = Long.MIN_VALUE;

    private ApiVersionCheck() {
    }

    /** @return the 400 {@code detail} message, or null when the request may go on */
    static String rejection(String version) {
        if (version == null || version.isEmpty() || CLIENT_VERSION.equals(version)) {
            return null;
        }
        int firstDot = version.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : version.indexOf('.', firstDot + 1);
        if (secondDot < 0 || version.indexOf('.', secondDot + 1) >= 0) {
            return invalid(version);
        }
        long major = pythonInt(version, 0, firstDot);
        long minor = pythonInt(version, firstDot + 1, secondDot);
        long patch = pythonInt(version, secondDot + 1, version.length());
        if (major == NOT_AN_INT || minor == NOT_AN_INT || patch == NOT_AN_INT) {
            return invalid(version);
        }
        // Tuple comparison with (0, 8, 0): the patch number can never make a version lower.
        boolean lower = major < 0 || (major == 0 && minor < MINIMUM_MINOR);
        if (lower) {
            return "The request specified API version " + version + " but this server requires version " + MINIMUM
                    + " or higher.";
        }
        return null;
    }

    private static String invalid(String version) {
        // Prefect's message has no space after "format." — reproduced on purpose.
        return "Invalid X-PREFECT-API-VERSION header format.Expected header in format 'x.y.z' but received " + version;
    }

    /**
     * Parses like Python's {@code int(text)}, which Prefect applies to each part: surrounding whitespace, an optional
     * sign, digits with single underscores between them. Values beyond a long saturate, which keeps their order.
     *
     * @return the value, or {@link #NOT_AN_INT}
     */
    private static long pythonInt(String text, int start, int end) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        boolean negative = false;
        if (start < end && (text.charAt(start) == '+' || text.charAt(start) == '-')) {
            negative = text.charAt(start) == '-';
            start++;
        }
        if (start == end) {
            return NOT_AN_INT;
        }
        long value = 0;
        boolean previousWasDigit = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '_') {
                if (!previousWasDigit || i == end - 1) {
                    return NOT_AN_INT;
                }
                previousWasDigit = false;
                continue;
            }
            if (c < '0' || c > '9') {
                return NOT_AN_INT;
            }
            value = value > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE - 1 : value * 10 + (c - '0');
            previousWasDigit = true;
        }
        return negative ? -value : value;
    }
}
