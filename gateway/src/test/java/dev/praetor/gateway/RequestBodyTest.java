package dev.praetor.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Request and response bodies: streamed through, limited in size, JSON by default. */
@QuarkusTest
@WithTestResource(EchoUpstreamResource.class)
class RequestBodyTest {

    private static final int MIB = 1024 * 1024;
    private static final String TOO_LARGE = "{\"detail\":\"Request body too large.\"}";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URI gateway;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void threeMebibyteBodyReachesTheUpstreamIntact() {
        byte[] body = randomBytes(3 * MIB);
        given().contentType("application/octet-stream").body(body).post("/api/flows/upload")
                .then().statusCode(200)
                .body("body_length", equalTo(body.length))
                .body("body_sha256", equalTo(EchoUpstream.sha256(body)));
    }

    @Test
    void threeMebibyteResponseIsStreamedBackIntact() {
        byte[] body = given().get("/api/flows/bytes?size=" + 3 * MIB).then().statusCode(200)
                .extract().asByteArray();
        assertEquals(3 * MIB, body.length);
    }

    @Test
    void bodyOverTheLimitWithContentLengthAnswers413() {
        given().contentType("application/json").body(new byte[6 * MIB]).post("/api/flows/")
                .then().statusCode(413).contentType("application/json").body(equalTo(TOO_LARGE));
    }

    @Test
    void bodyOverTheLimitAnnouncedWithExpectContinueIsRefusedBeforeItIsSent() throws Exception {
        // A raw socket: the client announces 6 MiB, waits for the gateway's word, and never sends the body.
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(10_000);
            String head = "POST /api/flows/ HTTP/1.1\r\nHost: " + gateway.getHost() + "\r\n"
                    + "Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: " + 6 * MIB
                    + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            // The gateway answers at once and closes the connection, so reading to the end terminates.
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
            assertTrue(answer.endsWith(TOO_LARGE), answer);
        }
    }

    @Test
    void chunkedBodyOverTheLimitAnswers413() throws Exception {
        HttpResponse<String> response = http.send(chunkedPost(new byte[6 * MIB]), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        assertEquals(TOO_LARGE, response.body());
    }

    @Test
    void chunkedBodyWithinTheLimitIsForwarded() throws Exception {
        byte[] body = randomBytes(MIB);
        HttpResponse<String> response = http.send(chunkedPost(body), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        JsonObject echoed = new JsonObject(response.body());
        assertEquals(EchoUpstream.sha256(body), echoed.getString("body_sha256"));
        assertEquals("chunked", echoed.getJsonObject("headers").getString("transfer-encoding"));
    }

    @Test
    void bodyWithoutContentTypeIsForwardedAsJson() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/api/flows/filter")).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString("{\"limit\":1}")).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("application/json",
                new JsonObject(response.body()).getJsonObject("headers").getString("content-type"));
    }

    @Test
    void contentTypeSentByTheClientIsKept() {
        given().contentType("application/json; charset=utf-8").body("{}").post("/api/flows/filter")
                .then().statusCode(200)
                .body("headers.content-type", equalTo("application/json; charset=utf-8"));
    }

    /** A POST whose length is not announced, so the client sends it chunked. */
    private HttpRequest chunkedPost(byte[] body) {
        return HttpRequest.newBuilder(gateway.resolve("/api/flows/")).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }
}
