package dev.praetor.eventsservice.sockets;

import dev.praetor.eventsservice.logs.LogSubscriptionRequest;
import dev.praetor.eventsservice.stream.LogStream;
import dev.praetor.rest.json.Uuids;
import dev.praetor.rest.tenancy.Workspace;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * {@code ws /logs/out} (logs.md §2.3): after Prefect's handshake the client sends
 * {@code {"type": "filter", "filter": LogFilter}}; every new log that matches is then sent as
 * {@code {"type": "log", "log": ...}}. No backfill. Logs are owned by runs-service, which publishes the stored logs on
 * the {@code logs} topic in batches; the gateway routes this one path of {@code /logs} here.
 */
@ApplicationScoped
public class LogsOutSocket {
    static final String PATH = "/logs/out";

    @Inject
    PrefectSockets sockets;

    @Inject
    LogStream stream;

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
        LogSubscriptionRequest request = sockets.filterMessage(socket, message, LogSubscriptionRequest.class);
        if (request != null) {
            stream.subscribe(workspaceId, request.filter(), socket);
        }
    }
}
