package dev.praetor.eventsservice.sockets;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.eventsservice.events.Event;
import dev.praetor.eventsservice.events.EventWriter;
import dev.praetor.eventsservice.events.ReceivedEvent;
import dev.praetor.eventsservice.events.WorkspaceEvent;
import dev.praetor.rest.errors.PrefectHttpException;
import dev.praetor.rest.errors.RequestValidationException;
import dev.praetor.rest.json.PrefectBodyReader;
import dev.praetor.rest.json.Uuids;
import dev.praetor.rest.tenancy.Workspace;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * {@code ws /events/in} (client-contract.md §2.2): after Prefect's handshake every text message is one event, stored
 * once (a client re-sends what it sent since its last acknowledged ping after reconnecting). The server sends nothing
 * after {@code auth_success}. Pings are answered by the websocket layer as they arrive.
 *
 * <p>A message that is not a valid event is logged and skipped rather than closing the socket: the client would
 * re-send it after reconnecting, forever. When storing fails, the socket is closed so that the client reconnects
 * and re-sends its unacknowledged events.
 */
@ApplicationScoped
public class EventsInSocket {
    static final String PATH = "/events/in";
    private static final Logger LOG = Logger.getLogger(EventsInSocket.class);
    private static final short INTERNAL_ERROR = 1011;
    private static final short TRY_AGAIN_LATER = 1013;

    @Inject
    PrefectSockets sockets;

    @Inject
    EventWriter writer;

    @Inject
    ObjectMapper mapper;

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
        sockets.accept(context, socket -> socket.textMessageHandler(message -> receive(workspaceId, socket, message)));
    }

    private void receive(UUID workspaceId, ServerWebSocket socket, String message) {
        Event event;
        try {
            event = PrefectBodyReader.read(mapper, Event.class, message.getBytes(StandardCharsets.UTF_8));
        } catch (RequestValidationException | PrefectHttpException e) {
            LOG.warnf("Skipping an invalid event on %s: %s", PATH, abbreviate(message));
            return;
        }
        ReceivedEvent received = ReceivedEvent.receive(event, OffsetDateTime.now(ZoneOffset.UTC));
        writer.write(List.of(new WorkspaceEvent(workspaceId, received))).whenComplete((stored, failure) -> {
            if (failure != null && !socket.isClosed()) {
                boolean overloaded = failure instanceof EventWriter.OverloadedException;
                socket.close(overloaded ? TRY_AGAIN_LATER : INTERNAL_ERROR,
                        overloaded ? "Too many events waiting to be stored" : "Events could not be stored");
            }
        });
    }

    private static String abbreviate(String message) {
        return message.length() <= 200 ? message : message.substring(0, 200) + "...";
    }
}
