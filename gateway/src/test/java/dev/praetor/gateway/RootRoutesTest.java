package dev.praetor.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@WithTestResource(EchoUpstreamResource.class)
class RootRoutesTest {

    private static final String WORKSPACE_PREFIX =
            "/api/accounts/6f6b1f0e-5f4e-4a43-9d5b-3f2a1c0b9e8d/workspaces/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";

    @Test
    void healthAnswersTrue() {
        given().get("/api/health").then().statusCode(200).contentType("application/json").body(equalTo("true"));
    }

    @Test
    void versionAnswersTheServerApiVersion() {
        given().get("/api/version").then().statusCode(200).contentType("application/json")
                .body(equalTo("\"0.8.4\""));
    }

    @Test
    void helloAnswersAWavingHandInRawUtf8() {
        byte[] body = given().get("/api/hello").then().statusCode(200).contentType("application/json")
                .extract().asByteArray();
        assertArrayEquals("\"\uD83D\uDC4B\"".getBytes(StandardCharsets.UTF_8), body);
    }

    @Test
    void readyAnswers503WhenAnUpstreamIsDown() {
        // The test resource points the runs upstream at a port where nothing listens.
        given().get("/api/ready").then().statusCode(503).contentType("application/json")
                .body(equalTo("{\"message\":\"Database is not available\"}"));
    }

    @Test
    void adminVersionAnswersThePrefectVersion() {
        given().get("/api/admin/version").then().statusCode(200).contentType("application/json")
                .body(equalTo("\"3.9.1\""));
    }

    @Test
    void adminSettingsAnswersAPrefectShapedSettingsTree() {
        given().get("/api/admin/settings").then().statusCode(200).contentType("application/json")
                .body("server.api.base_path", equalTo("/api"))
                .body("server.api.csrf_protection_enabled", equalTo(false))
                .body("server.api.default_limit", equalTo(200));
    }

    @Test
    void adminStorageAnswersThatNoDefaultStorageIsSet() {
        given().get("/api/admin/storage").then().statusCode(200).contentType("application/json")
                .body(equalTo("{\"default_result_storage_block_id\":null}"));
    }

    @Test
    void csrfTokenAnswersThatProtectionIsDisabled() {
        given().get("/api/csrf-token?client=4f2c").then().statusCode(422).contentType("application/json")
                .body(equalTo("{\"detail\":\"CSRF protection is disabled.\"}"));
    }

    @Test
    void csrfTokenWithoutClientAnswersAValidationError() {
        given().get("/api/csrf-token").then().statusCode(422).contentType("application/json")
                .body("exception_message", equalTo("Invalid request received."))
                .body("exception_detail[0].loc[1]", equalTo("client"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health/", "/version/", "/hello/", "/admin/version/", "/admin/settings/",
            "/admin/storage/"})
    void rootRoutesAcceptATrailingSlash(String route) {
        given().get("/api" + route).then().statusCode(200).contentType("application/json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/version", "/hello", "/admin/version", "/admin/settings", "/admin/storage"})
    void rootRoutesAnswerUnderTheWorkspacePrefix(String route) {
        given().get(WORKSPACE_PREFIX + route).then().statusCode(200).contentType("application/json");
    }

    @Test
    void rootRouteWithAnotherMethodAnswers405() {
        given().post("/api/hello").then().statusCode(405).contentType("application/json")
                .header("Allow", "GET, HEAD")
                .body(equalTo("{\"detail\":\"Method Not Allowed\"}"));
    }
}
