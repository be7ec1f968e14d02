package dev.praetor.config.blocks.types;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prefect HTML-escapes a new block type's description and code example ({@code html.escape(text, quote=False)}) and
 * compares them unescaped when deciding whether an update changes anything.
 */
final class HtmlText {
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|amp|lt|gt|quot|apos);");

    private HtmlText() {
    }

    static String escape(String text) {
        return text == null ? null : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * Undoes {@link #escape} and the common character references. Python's {@code html.unescape} knows every HTML5
     * entity; the difference only decides whether an identical update is written again, which is harmless.
     */
    static String unescape(String text) {
        if (text == null || text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String entity = m.group(1);
            String replacement = switch (entity) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> codePoint(entity);
            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    static boolean sameUnescaped(String a, String b) {
        return Objects.equals(unescape(a), unescape(b));
    }

    private static String codePoint(String numericEntity) {
        boolean hex = numericEntity.length() > 1 && (numericEntity.charAt(1) == 'x' || numericEntity.charAt(1) == 'X');
        try {
            int cp = Integer.parseInt(numericEntity.substring(hex ? 2 : 1), hex ? 16 : 10);
            return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : "&" + numericEntity + ";";
        } catch (NumberFormatException e) {
            return "&" + numericEntity + ";";
        }
    }
}
