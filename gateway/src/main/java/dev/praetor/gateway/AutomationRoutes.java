package dev.praetor.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.regex.Pattern;

/**
 * The read side of Prefect's {@code /automations} routes, answered by the gateway: Praetor has no automations (no
 * service stores or triggers them), so every read truthfully finds none. The stock client reads them in
 * {@code prefect deployment inspect} ({@code GET /automations/related-to/prefect.deployment.<id>}). Writes and every
 * other automation route stay unserved (404 Not Found, like any route without an owner), which is also what
 * {@code prefect deploy} and {@code serve} tolerate for {@code DELETE /automations/owned-by/...}.
 */
final class AutomationRoutes {

    private static final String PREFIX = "/automations/";
    private static final String RELATED_TO = PREFIX + "related-to/";
    private static final Pattern UUID_SEGMENT = Pattern.compile(
            "\\p{XDigit}{8}-?\\p{XDigit}{4}-?\\p{XDigit}{4}-?\\p{XDigit}{4}-?\\p{XDigit}{12}");

    static final Buffer NO_AUTOMATIONS = JsonResponses.json("[]");
    static final Buffer ZERO = JsonResponses.json("0");
    static final Buffer AUTOMATION_NOT_FOUND = JsonResponses.json("{\"detail\":\"Automation not found\"}");

    /** What the gateway answers for one automation request. */
    enum Answer {
        /** {@code GET /automations/related-to/{resource_id}} and {@code POST /automations/filter}: {@code []}. */
        NONE(200, NO_AUTOMATIONS),
        /** {@code POST /automations/count}: {@code 0}. */
        COUNT(200, ZERO),
        /** {@code GET /automations/{uuid}}: 404 Automation not found. */
        MISSING(404, AUTOMATION_NOT_FOUND);

        final int status;
        final Buffer body;

        Answer(int status, Buffer body) {
            this.status = status;
            this.body = body;
        }
    }

    private AutomationRoutes() {
    }

    /** @return the gateway's answer for a served automation read, or null when the route is not served here */
    static Answer of(HttpMethod method, String prefectPath) {
        if (!prefectPath.startsWith(PREFIX)) {
            return null;
        }
        String rest = prefectPath.substring(PREFIX.length());
        if (HttpMethod.POST.equals(method)) {
            return switch (rest) {
                case "filter" -> Answer.NONE;
                case "count" -> Answer.COUNT;
                default -> null;
            };
        }
        if (!HttpMethod.GET.equals(method)) {
            return null;
        }
        if (prefectPath.startsWith(RELATED_TO)) {
            // Prefect's {resource_id:str} is one non-empty segment.
            String resourceId = prefectPath.substring(RELATED_TO.length());
            return resourceId.isEmpty() || resourceId.indexOf('/') >= 0 ? null : Answer.NONE;
        }
        return isUuid(rest) ? Answer.MISSING : null;
    }

    static void answer(Answer answer, HttpServerRequest request) {
        JsonResponses.send(request.response(), answer.status, answer.body);
    }

    /** Starlette's {@code uuid} path convertor: 32 hex digits, the four dashes optional. */
    private static boolean isUuid(String text) {
        return UUID_SEGMENT.matcher(text).matches();
    }
}
