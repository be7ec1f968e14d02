package dev.praetor.runs.states;

/**
 * JSON read back from a {@code jsonb} column as text, written into a response without parsing it into a tree.
 * PostgreSQL prints {@code jsonb} with a space after each {@code :} and {@code ,}; Jackson writes the same tree
 * compactly, writes floating-point numbers through {@code double}, and (to UTF-8) escapes the two halves of a
 * supplementary character. {@link #compact} gives exactly what {@code mapper.writeValueAsBytes(mapper.readTree(text))}
 * gives, or null when the text holds something it does not rewrite itself (a number with a fraction or exponent, a
 * {@code \\u} escape): the caller then takes that slow path.
 */
public final class StoredJson {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private StoredJson() {
    }

    /** The text without the whitespace between tokens; null when only a parse and re-serialisation is exact. */
    public static String compact(String text) {
        int length = text.length();
        StringBuilder out = new StringBuilder(length);
        boolean inString = false;
        boolean inNumber = false;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    if (i + 1 >= length) {
                        return null;
                    }
                    char escaped = text.charAt(i + 1);
                    // PostgreSQL writes the short escapes Jackson writes; \\u (control characters, lowercase hex)
                    // and anything unexpected go the slow way
                    if (escaped != '"' && escaped != '\\' && escaped != 'b' && escaped != 'f' && escaped != 'n'
                            && escaped != 'r' && escaped != 't') {
                        return null;
                    }
                    out.append(c).append(escaped);
                    i++;
                    continue;
                }
                if (c == '"') {
                    inString = false;
                } else if (c < 0x20) {
                    return null;
                } else if (Character.isSurrogate(c)) {
                    // Jackson's UTF-8 output escapes each half of a supplementary character, in uppercase hex
                    out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF])
                            .append(HEX[c & 0xF]);
                    continue;
                }
                out.append(c);
                continue;
            }
            switch (c) {
                case ' ', '\n', '\r', '\t' -> {
                    inNumber = false;
                    continue;
                }
                case '"' -> {
                    inString = true;
                    inNumber = false;
                }
                case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> inNumber = true;
                case '.', 'e', 'E', '+' -> {
                    if (inNumber) {
                        return null;
                    }
                    if (c != 'e') {
                        return null;
                    }
                }
                default -> inNumber = false;
            }
            out.append(c);
        }
        return inString ? null : out.toString();
    }
}
