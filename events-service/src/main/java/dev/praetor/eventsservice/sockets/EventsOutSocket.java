package dev.praetor.eventsservice.sockets;

import dev.praetor.eventsservice.events.EventFilter;
import dev.praetor.eventsservice.events.EventSubscriptionRequest;
import dev.praetor.eventsservice.stream.EventStream;
import dev.praetor.rest.json.Uuids;
import dev.praetor.rest.tenancy.Workspace;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code ws /events/out} (client-contract.md §5.4, other-resources.md §6.3): after Prefect's handshake the client
 * sends {@code {"type": "filter", "filter": EventFilter, "backfill": bool}}; the server looks back at most 15 minutes
 * ({@code PREFECT_EVENTS_MAXIMUM_WEBSOCKET_BACKFILL}), sends the stored events that match in ascending order when
 * backfill is asked (the default), then every new matching event, each as {@code {"type": "event", "event": ...}}.
 * Later client messages are ignored, as Prefect's server does.
 */
@ApplicationScoped
public class EventsOutSocket {
    static final String PATH = "/events/out";

    @Inject
    PrefectSockets sockets;

    @Inject
    EventStream stream;

    @ConfigProperty(name = "praetor.events.stream.max-backfill-window", defaultValue = "PT15M")
    Duration maxBackfillWindow;

    void register(@Observes Router router) {
        router.get(PATH).handler(this::open);
    }

    private void open(RoutingContext context) {
        if (!PrefectSockets.isUpgrade(context.request())) {
            context.next();
            return;
        }
        UUID workspaceId = Uuids.parseLenient(context.request().getHeader(Workspace.HEADER));
        if (workspaceId == null) {
            PrefectSockets.refuseWithoutWorkspace(context);
            return;
        }
        sockets.accept(context, socket -> socket.textMessageHandler(message -> subscribe(workspaceId, socket, message)));
    }

    private void subscribe(UUID workspaceId, ServerWebSocket socket, String message) {
        socket.textMessageHandler(ignored -> {
        });
        EventSubscriptionRequest request = sockets.filterMessage(socket, message, EventSubscriptionRequest.class);
        if (request == null) {
            return;
        }
        EventFilter filter = request.filter().forSubscriptionAt(OffsetDateTime.now(ZoneOffset.UTC), maxBackfillWindow);
        stream.subscribe(workspaceId, filter, request.wantsBackfill(), socket);
    }
}
