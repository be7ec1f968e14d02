package dev.praetor.rest.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Prefect's text-search query (filters-runs.md §5): whitespace-separated terms are alternatives, {@code -term} or
 * {@code !term} excludes, {@code +term} is required, {@code "quoted phrase"} is one term ({@code \"} and {@code \\}
 * escape inside quotes; an unclosed quote runs to the end); a prefix followed by a space is ignored.
 */
public record TextSearch(List<String> include, List<String> exclude, List<String> required) {

    public static TextSearch parse(String query) {
        List<String> include = new ArrayList<>();
        List<String> exclude = new ArrayList<>();
        List<String> required = new ArrayList<>();
        int i = 0;
        int n = query.length();
        while (i < n) {
            char c = query.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            char prefix = 0;
            if (c == '-' || c == '!' || c == '+') {
                i++;
                if (i >= n || Character.isWhitespace(query.charAt(i))) {
                    continue; // a detached prefix means nothing
                }
                prefix = c;
            }
            String term;
            if (query.charAt(i) == '"') {
                int start = ++i;
                while (i < n && query.charAt(i) != '"') {
                    i += query.charAt(i) == '\\' && i + 1 < n ? 2 : 1;
                }
                term = unescape(query.substring(start, Math.min(i, n)));
                if (i < n) {
                    i++; // the closing quote
                }
                if (term.isBlank()) {
                    continue;
                }
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(query.charAt(i)) && query.charAt(i) != '"') {
                    i++;
                }
                term = query.substring(start, i);
                if (term.isEmpty()) {
                    continue;
                }
            }
            (prefix == '-' || prefix == '!' ? exclude : prefix == '+' ? required : include).add(term);
        }
        return new TextSearch(List.copyOf(include), List.copyOf(exclude), List.copyOf(required));
    }

    /** Only {@code \"} and {@code \\} are escapes; any other backslash stays. */
    private static String unescape(String phrase) {
        StringBuilder out = new StringBuilder(phrase.length());
        for (int i = 0; i < phrase.length(); i++) {
            char c = phrase.charAt(i);
            if (c == '\\' && i + 1 < phrase.length() && (phrase.charAt(i + 1) == '"' || phrase.charAt(i + 1) == '\\')) {
                out.append(phrase.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    public boolean isEmpty() {
        return include.isEmpty() && exclude.isEmpty() && required.isEmpty();
    }
}
