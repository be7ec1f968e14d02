package dev.praetor.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** WebSocket routes (events in/out, logs out) pass through the gateway as a tunnel. */
@QuarkusTest
@WithTestResource(EchoUpstreamResource.class)
class WebSocketTunnelTest {

    @TestHTTPResource("/")
    URI gateway;

    @Test
    void webSocketIsTunnelledToTheUpstreamInTheDefaultWorkspace() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                received.add(data.toString());
                webSocket.request(1);
                return null;
            }
        };
        URI events = URI.create("ws://" + gateway.getHost() + ":" + gateway.getPort() + "/api/events/in");
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("prefect")
                .buildAsync(events, listener).get(10, TimeUnit.SECONDS);

        // The echo upstream first reports the workspace header the upgrade carried, then echoes.
        assertEquals("00000000-0000-0000-0000-000000000000", received.poll(10, TimeUnit.SECONDS));
        socket.sendText("{\"type\":\"auth\",\"token\":null}", true).get(10, TimeUnit.SECONDS);
        assertEquals("{\"type\":\"auth\",\"token\":null}", received.poll(10, TimeUnit.SECONDS));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }
}
