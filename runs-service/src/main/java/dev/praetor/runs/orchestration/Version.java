package dev.praetor.runs.orchestration;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of PEP 440 to compare the API and client versions that some rules depend on: the numeric release
 * ({@code 3.4.11}) and an optional pre-release ({@code a}, {@code b}, {@code rc} + number), which orders before the
 * release itself. Local and dev parts are ignored.
 */
public record Version(int[] release, int preKind, int preNumber) implements Comparable<Version> {
    private static final Pattern FORMAT = Pattern.compile("v?(\\d+(?:\\.\\d+)*)(?:[-_.]?(a|b|rc|alpha|beta|c)[-_.]?(\\d*))?.*",
            Pattern.CASE_INSENSITIVE);
    /** A final release sorts after every pre-release of the same numbers. */
    private static final int FINAL = 3;

    /** Parses {@code text}; null when it is not a version. */
    public static Version parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        int[] release = Arrays.stream(m.group(1).split("\\.")).mapToInt(Integer::parseInt).toArray();
        if (m.group(2) == null) {
            return new Version(release, FINAL, 0);
        }
        String kind = m.group(2).toLowerCase(java.util.Locale.ROOT);
        int rank = kind.startsWith("a") ? 0 : kind.startsWith("b") ? 1 : 2;
        return new Version(release, rank, m.group(3).isEmpty() ? 0 : Integer.parseInt(m.group(3)));
    }

    public static Version of(String text) {
        Version v = parse(text);
        if (v == null) {
            throw new IllegalArgumentException("not a version: " + text);
        }
        return v;
    }

    @Override
    public int compareTo(Version other) {
        int n = Math.max(release.length, other.release.length);
        for (int i = 0; i < n; i++) {
            int a = i < release.length ? release[i] : 0;
            int b = i < other.release.length ? other.release[i] : 0;
            if (a != b) {
                return Integer.compare(a, b);
            }
        }
        if (preKind != other.preKind) {
            return Integer.compare(preKind, other.preKind);
        }
        return Integer.compare(preNumber, other.preNumber);
    }

    public boolean atLeast(Version other) {
        return compareTo(other) >= 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(Arrays.copyOf(release, 3)) * 31 + preKind * 7 + preNumber;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < release.length; i++) {
            s.append(i == 0 ? "" : ".").append(release[i]);
        }
        if (preKind != FINAL) {
            s.append(preKind == 0 ? "a" : preKind == 1 ? "b" : "rc").append(preNumber);
        }
        return s.toString();
    }
}
