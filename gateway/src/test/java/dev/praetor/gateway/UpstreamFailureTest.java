package dev.praetor.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Answers when an upstream cannot serve: the client retries 503; 504 after praetor.gateway.upstream-timeout. */
@QuarkusTest
@WithTestResource(EchoUpstreamResource.class)
class UpstreamFailureTest {

    @Test
    void unreachableUpstreamAnswers503() {
        // The test resource points the runs upstream at a port where nothing listens.
        given().post("/api/flow_runs/filter").then().statusCode(503).contentType("application/json")
                .body(equalTo("{\"exception_message\":\"Service Unavailable\"}"));
    }

    @Test
    void upstreamThatDoesNotAnswerInTimeAnswers504() {
        given().get("/api/flows/slow").then().statusCode(504).contentType("application/json")
                .body(equalTo("{\"exception_message\":\"Gateway Timeout\"}"));
    }
}
