package dev.praetor.eventsservice.events;

import dev.praetor.rest.errors.RequestValidationException;
import dev.praetor.rest.errors.ValidationError;
import dev.praetor.rest.tenancy.Workspace;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * {@code /events} (other-resources.md §6.2): paths and status codes only. The websockets {@code ws /events/in} and
 * {@code ws /events/out} are served by {@code EventsInSocket} and {@code EventsOutSocket}.
 */
@Path("/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {
    /** Prefect hard-codes {@code /api}; behind the gateway the prefix the request came through is used. */
    private static final String DEFAULT_PREFIX = "/api";

    @Inject
    EventService events;

    @Inject
    Workspace workspace;

    @POST
    @Path("/")
    public Uni<Response> create(List<Event> body) {
        return events.receive(workspace.id(), body).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/filter")
    public Uni<EventPage> filter(EventReadRequest body, @Context HttpHeaders headers, @Context UriInfo uri) {
        return events.read(workspace.id(), body, nextPageLinks(headers, uri));
    }

    @GET
    @Path("/filter/next")
    public Uni<EventPage> next(@QueryParam("page-token") String token, @Context HttpHeaders headers,
            @Context UriInfo uri) {
        if (token == null) {
            throw new RequestValidationException(List.of(ValidationError.of("missing", List.of("query", "page-token"),
                    "Field required", null)), null);
        }
        return events.readNext(workspace.id(), token, nextPageLinks(headers, uri));
    }

    @POST
    @Path("/count-by/{countable}")
    public Uni<List<EventCount>> countBy(@PathParam("countable") String countable, EventCountRequest body) {
        return events.countBy(workspace.id(), countable(countable), body);
    }

    /** An unknown countable is a validation error (422), as in Prefect, not a missing route. */
    private static Countable countable(String value) {
        for (Countable countable : Countable.values()) {
            if (countable.name().equals(value)) {
                return countable;
            }
        }
        String expected = "'day', 'time', 'event' or 'resource'";
        throw new RequestValidationException(List.of(new ValidationError("enum", List.of("path", "countable"),
                "Input should be " + expected, value, java.util.Map.of("expected", expected))), null);
    }

    /** Absolute URLs of {@code /events/filter/next} as the client reached us (through the gateway's headers). */
    private static Function<String, String> nextPageLinks(HttpHeaders headers, UriInfo uri) {
        String scheme = firstValue(headers.getHeaderString("X-Forwarded-Proto"), uri.getBaseUri().getScheme());
        String host = firstValue(headers.getHeaderString("X-Forwarded-Host"),
                firstValue(headers.getHeaderString(HttpHeaders.HOST), uri.getBaseUri().getRawAuthority()));
        String prefix = firstValue(headers.getHeaderString("X-Forwarded-Prefix"), DEFAULT_PREFIX);
        String base = scheme + "://" + host + prefix + "/events/filter/next?page-token=";
        return token -> base + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /** The first element of a possibly comma-separated header value, or {@code fallback}. */
    private static String firstValue(String header, String fallback) {
        if (header == null || header.isBlank()) {
            return fallback;
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).trim();
    }
}
