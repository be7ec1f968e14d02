package dev.praetor.eventsservice.events;

import dev.praetor.rest.filter.Conditions;
import java.util.ArrayList;
import java.util.List;

/**
 * What every condition of one event query shares: the bound workspace and occurred window (placeholders bound once),
 * and the ways criteria are written in SQL.
 */
record EventScope(String workspaceId, String since, String until) {

    /** True when the event names a resource (row alias {@code er}) for which {@code condition} holds. */
    String namesResource(String condition) {
        return "e.id IN (SELECT er.event_id FROM event_resource er WHERE er.workspace_id = " + workspaceId
                + " AND er.occurred >= " + since + " AND er.occurred <= " + until + " AND " + condition + ")";
    }

    /**
     * Prefect's label patterns: a glob ({@code *}, {@code ?}) matched against the whole value, negated by a leading
     * {@code !}; several patterns for one label are alternatives. A missing label matches no pattern, negated or not.
     */
    static String matchesAny(Conditions c, String column, List<String> patterns) {
        List<String> each = new ArrayList<>(patterns.size());
        for (String pattern : patterns) {
            boolean negated = pattern.startsWith("!");
            String like = column + " LIKE " + c.bind(globToLike(negated ? pattern.substring(1) : pattern)) + " ESCAPE '\\'";
            each.add(negated ? "(" + column + " IS NOT NULL AND NOT " + like + ")" : like);
        }
        return or(each);
    }

    /** Prefix matches, as {@code str.startswith}: the prefix is literal text. */
    static String startsWithAny(Conditions c, String column, List<String> prefixes) {
        List<String> each = new ArrayList<>(prefixes.size());
        for (String prefix : prefixes) {
            each.add(column + " LIKE " + c.bind(escapeLike(prefix) + "%") + " ESCAPE '\\'");
        }
        return or(each);
    }

    /**
     * {@link #matchesAny}'s rule for one pattern and one value, in memory: {@code *} any run of characters, {@code ?}
     * one character, a leading {@code !} negates, a missing value matches nothing.
     */
    static boolean globMatches(String pattern, String value) {
        if (value == null) {
            return false;
        }
        boolean negated = pattern.startsWith("!");
        boolean matched = glob(negated ? pattern.substring(1) : pattern, value);
        return negated != matched;
    }

    /** Iterative wildcard matching with backtracking to the last {@code *}: linear in practice, no regex. */
    private static boolean glob(String pattern, String value) {
        int p = 0;
        int v = 0;
        int star = -1;
        int resume = 0;
        while (v < value.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = v;
            } else if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == value.charAt(v))) {
                p++;
                v++;
            } else if (star >= 0) {
                p = star + 1;
                v = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    static String or(List<String> conditions) {
        return conditions.size() == 1 ? conditions.get(0) : "(" + String.join(" OR ", conditions) + ")";
    }

    private static String globToLike(String glob) {
        StringBuilder like = new StringBuilder(glob.length() + 8);
        for (int i = 0; i < glob.length(); i++) {
            char ch = glob.charAt(i);
            if (ch == '*') {
                like.append('%');
            } else if (ch == '?') {
                like.append('_');
            } else {
                appendEscaped(like, ch);
            }
        }
        return like.toString();
    }

    private static String escapeLike(String text) {
        StringBuilder like = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            appendEscaped(like, text.charAt(i));
        }
        return like.toString();
    }

    private static void appendEscaped(StringBuilder like, char ch) {
        if (ch == '\\' || ch == '%' || ch == '_') {
            like.append('\\');
        }
        like.append(ch);
    }
}
