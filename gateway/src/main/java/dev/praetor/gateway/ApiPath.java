package dev.praetor.gateway;

/**
 * An {@code /api} request path taken apart: the prefix it came through ({@code /api} or
 * {@code /api/accounts/{account}/workspaces/{workspace}}), the ids that prefix names, and the Prefect path below it,
 * which is what the services serve at their root.
 *
 * @param prefixLength length of the prefix in the raw path
 * @param accountId    lowercase hyphenated account id, null for the plain prefix
 * @param workspaceId  lowercase hyphenated workspace id, null for the plain prefix
 * @param prefectPath  the rest of the raw path, e.g. {@code /flows/filter}; empty for the bare prefix
 */
public record ApiPath(int prefixLength, String accountId, String workspaceId, String prefectPath) {

    private static final String API = "/api";
    private static final String ACCOUNTS = "/api/accounts/";
    private static final String WORKSPACES = "/workspaces/";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** True when the path came through {@code /api/accounts/{a}/workspaces/{w}}. */
    public boolean isWorkspacePrefix() {
        return workspaceId != null;
    }

    /** True for any path under {@code /api}, including ones {@link #parse} rejects. */
    static boolean isApi(String path) {
        return path.startsWith(API) && (path.length() == API.length() || path.charAt(API.length()) == '/');
    }

    /**
     * @param path the raw (undecoded) request path
     * @return the parsed path, or null when it is not under {@code /api} or its account or workspace segment is not a
     *         UUID (Prefect answers 404 for a path parameter that does not convert, not 422)
     */
    static ApiPath parse(String path) {
        if (!isApi(path)) {
            return null;
        }
        if (!path.startsWith(ACCOUNTS)) {
            return new ApiPath(API.length(), null, null, path.substring(API.length()));
        }
        int accountStart = ACCOUNTS.length();
        int accountEnd = path.indexOf('/', accountStart);
        if (accountEnd < 0 || !path.startsWith(WORKSPACES, accountEnd)) {
            return null;
        }
        int workspaceStart = accountEnd + WORKSPACES.length();
        int workspaceEnd = path.indexOf('/', workspaceStart);
        if (workspaceEnd < 0) {
            workspaceEnd = path.length();
        }
        String accountId = canonicalUuid(path, accountStart, accountEnd);
        String workspaceId = canonicalUuid(path, workspaceStart, workspaceEnd);
        if (accountId == null || workspaceId == null) {
            return null;
        }
        return new ApiPath(workspaceEnd, accountId, workspaceId, path.substring(workspaceEnd));
    }

    /**
     * Accepts what Starlette's {@code uuid} path convertor accepts (32 hex digits in 8-4-4-4-12 groups, each hyphen
     * optional, any case) and returns the lowercase hyphenated form, or null.
     */
    static String canonicalUuid(CharSequence text, int start, int end) {
        char[] out = new char[36];
        int length = 0;
        int digits = 0;
        boolean hyphenAllowed = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '-') {
                if (!hyphenAllowed) {
                    return null;
                }
                hyphenAllowed = false;
                continue;
            }
            int value = hexValue(c);
            if (value < 0 || digits == 32) {
                return null;
            }
            if (isGroupBoundary(digits)) {
                out[length++] = '-';
            }
            out[length++] = HEX[value];
            digits++;
            hyphenAllowed = isGroupBoundary(digits);
        }
        return digits == 32 ? new String(out) : null;
    }

    private static boolean isGroupBoundary(int digits) {
        return digits == 8 || digits == 12 || digits == 16 || digits == 20;
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
