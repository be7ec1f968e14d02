package dev.praetor.eventsservice.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.rest.errors.PrefectHttpException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The state of a paged event query, carried by the client in {@code next_page} as base64 JSON (as Prefect does): the
 * resolved filter (so later pages see the same occurred window), the total of the first query, the page size and the
 * next offset. It names no workspace: the query always runs in the workspace of the request that presents it.
 */
record PageToken(EventFilter filter, long count, int page_size, int offset) {

    /** The token for the page after the one at {@code offset}, or null when that page was the last. */
    static PageToken after(EventFilter filter, long count, int pageSize, int offset) {
        if (pageSize == 0 || (long) offset + pageSize >= count) {
            return null;
        }
        return new PageToken(filter, count, pageSize, offset + pageSize);
    }

    String encode(ObjectMapper mapper) {
        try {
            return Base64.getEncoder().encodeToString(mapper.writeValueAsBytes(this));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a page token", e);
        }
    }

    /** Any token that does not decode to a query is forbidden, as in Prefect. */
    static PageToken decode(ObjectMapper mapper, String token) {
        if (token == null || token.isBlank()) {
            throw forbidden();
        }
        try {
            // A '+' that reached us unencoded in a query string arrives as a space.
            byte[] json = Base64.getDecoder().decode(token.trim().replace(' ', '+').getBytes(StandardCharsets.US_ASCII));
            PageToken decoded = mapper.readValue(json, PageToken.class);
            if (decoded.filter() == null || decoded.filter().occurred() == null || decoded.page_size() < 0
                    || decoded.offset() < 0) {
                throw forbidden();
            }
            return decoded;
        } catch (IllegalArgumentException | IOException e) {
            throw forbidden();
        }
    }

    private static PrefectHttpException forbidden() {
        return new PrefectHttpException(403, "Forbidden");
    }
}
