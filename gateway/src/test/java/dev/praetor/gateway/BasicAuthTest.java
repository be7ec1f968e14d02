package dev.praetor.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Prefect's self-hosted basic auth (PREFECT_SERVER_API_AUTH_STRING) enforced at the gateway. */
@QuarkusTest
@TestProfile(BasicAuthTest.WithAuthString.class)
@WithTestResource(EchoUpstreamResource.class)
class BasicAuthTest {

    private static final String GOOD = "Basic " + Base64.getEncoder().encodeToString(
            "admin:s3cret".getBytes(StandardCharsets.UTF_8));

    public static class WithAuthString implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("praetor.gateway.auth.basic-auth-string", "admin:s3cret");
        }
    }

    @TestHTTPResource("/")
    URI gateway;

    @Test
    void missingOrWrongCredentialsAnswerPrefectsUnauthorized() {
        given().get("/api/flows/x").then().statusCode(401).body(equalTo("{\"exception_message\":\"Unauthorized\"}"));
        given().header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:nope".getBytes()))
                .get("/api/flows/x").then().statusCode(401);
        given().header("Authorization", "Basic !!!").get("/api/flows/x").then().statusCode(401);
        given().get("/api/admin/version").then().statusCode(401);
    }

    @Test
    void rightCredentialsPass() {
        given().header("Authorization", GOOD).get("/api/flows/x").then().statusCode(200);
        given().header("Authorization", GOOD).get("/api/admin/version").then().statusCode(200);
    }

    @Test
    void probesNeedNoCredentials() {
        given().get("/api/health").then().statusCode(200);
        // (503 here: the echo setup leaves the runs upstream down; what matters is that it is not a 401.)
        given().get("/api/ready").then().statusCode(not(401));
    }

    @Test
    void webSocketUpgradeIsCheckedToo() throws Exception {
        // The 3.9 client sends the Basic header on the upgrade as well as the auth frame after it.
        assertEquals("HTTP/1.1 101 Switching Protocols", upgradeStatusLine(GOOD));
        assertEquals("HTTP/1.1 401 Unauthorized", upgradeStatusLine("Basic " + Base64.getEncoder().encodeToString(
                "admin:wrong".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void webSocketWithoutHeaderIsCheckedOnItsAuthFrame() throws Exception {
        // Prefect's subscribers send no header, only {"type":"auth","token":<auth string>} as the first frame.
        assertEquals("{\"type\":\"auth\",\"token\":\"admin:s3cret\"}",
                firstFrameOutcome("{\"type\":\"auth\",\"token\":\"admin:s3cret\"}"));
        assertEquals("closed 1008 Invalid token", firstFrameOutcome("{\"type\":\"auth\",\"token\":\"admin:nope\"}"));
        assertEquals("closed 1008 Auth required but no token provided",
                firstFrameOutcome("{\"type\":\"auth\",\"token\":null}"));
        assertEquals("closed 1008 Expected 'auth' message", firstFrameOutcome("{\"type\":\"event\"}"));
    }

    /** Opens /api/events/in without credentials, sends one frame; @return the echo of it, or how the socket closed */
    private String firstFrameOutcome(String frame) throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                received.add(data.toString());
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                received.add("closed " + statusCode + " " + reason);
                return null;
            }
        };
        URI events = URI.create("ws://" + gateway.getHost() + ":" + gateway.getPort() + "/api/events/in");
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("prefect")
                .buildAsync(events, listener).get(10, TimeUnit.SECONDS);
        // The echo upstream's first frame names the workspace; then it echoes what the gateway let through.
        assertEquals("00000000-0000-0000-0000-000000000000", received.poll(10, TimeUnit.SECONDS));
        socket.sendText(frame, true).get(10, TimeUnit.SECONDS);
        String outcome = received.poll(10, TimeUnit.SECONDS);
        socket.abort();
        return outcome;
    }

    /** A raw WebSocket handshake (java.net.http's WebSocket hides the refusal's status). */
    private String upgradeStatusLine(String authorization) throws Exception {
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(10_000);
            String request = "GET /api/events/in HTTP/1.1\r\nHost: " + gateway.getHost() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: prefect\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }
}
