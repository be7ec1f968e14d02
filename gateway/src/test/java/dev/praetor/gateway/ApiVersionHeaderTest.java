package dev.praetor.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The X-PREFECT-API-VERSION rule, row by row (conventions.md §3). */
@QuarkusTest
@WithTestResource(EchoUpstreamResource.class)
class ApiVersionHeaderTest {

    private static final String HEADER = "X-PREFECT-API-VERSION";

    @Test
    void absentHeaderIsAccepted() {
        given().get("/api/hello").then().statusCode(200);
    }

    @Test
    void emptyHeaderIsAccepted() {
        given().header(HEADER, "").get("/api/hello").then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.8.0", "0.8.4", "0.9.1", "1.0.0", "3.10.12"})
    void versionsFromTheMinimumUpAreAccepted(String version) {
        given().header(HEADER, version).get("/api/hello").then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.7.9", "0.0.0"})
    void versionsBelowTheMinimumAreRefusedWithPrefectsMessage(String version) {
        given().header(HEADER, version).get("/api/hello").then().statusCode(400).contentType("application/json")
                .body("detail", equalTo("The request specified API version " + version
                        + " but this server requires version 0.8.0 or higher."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.8", "0.8.4rc1", "abc", "0.8.4.1", "0..4"})
    void malformedVersionsAreRefusedWithPrefectsMessage(String version) {
        given().header(HEADER, version).get("/api/hello").then().statusCode(400).contentType("application/json")
                .body("detail", equalTo("Invalid X-PREFECT-API-VERSION header format.Expected header in format"
                        + " 'x.y.z' but received " + version));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/health", "/api/version"})
    void healthAndVersionDoNotCheckTheHeader(String path) {
        given().header(HEADER, "0.1.0").get(path).then().statusCode(200);
    }

    @Test
    void proxiedRoutesCheckTheHeader() {
        given().header(HEADER, "0.7.9").post("/api/flows/filter").then().statusCode(400)
                .body("detail", equalTo("The request specified API version 0.7.9 but this server requires version"
                        + " 0.8.0 or higher."));
    }
}
