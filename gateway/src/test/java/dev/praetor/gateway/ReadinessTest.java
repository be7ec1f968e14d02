package dev.praetor.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** With every configured upstream up (the unreachable runs upstream left out); the 503 case is in RootRoutesTest. */
@QuarkusTest
@WithTestResource(value = EchoUpstreamResource.class,
        initArgs = @ResourceArg(name = EchoUpstreamResource.RUNS_DOWN, value = "false"))
class ReadinessTest {

    @Test
    void readyAnswersOkWhenEveryConfiguredUpstreamIsReady() {
        given().get("/api/ready").then().statusCode(200).contentType("application/json")
                .body(equalTo("{\"message\":\"OK\"}"));
    }
}
