package dev.praetor.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-workspace token bucket: over the limit a request answers 429 with a numeric Retry-After. */
@QuarkusTest
@TestProfile(RateLimitTest.TwoRequests.class)
@WithTestResource(EchoUpstreamResource.class)
class RateLimitTest {

    public static class TwoRequests implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A bucket of 2 refilled once per 100 s: the third request in a row is over the limit whatever the pace.
            return Map.of("praetor.gateway.rate-limit.enabled", "true",
                    "praetor.gateway.rate-limit.requests-per-second", "0.01",
                    "praetor.gateway.rate-limit.burst", "2");
        }
    }

    @Test
    void thirdRequestOfAWorkspaceIsRefusedWithRetryAfter() {
        String workspace = "/api/accounts/6f6b1f0e-5f4e-4a43-9d5b-3f2a1c0b9e8d/workspaces/3c1b2d3e-4f50-4617-8293-a4b5c6d7e8f9";
        given().get(workspace + "/flows/x").then().statusCode(200);
        given().get(workspace + "/flows/x").then().statusCode(200);
        given().get(workspace + "/flows/x").then().statusCode(429)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"));
        // Another workspace has its own bucket.
        given().get("/api/accounts/6f6b1f0e-5f4e-4a43-9d5b-3f2a1c0b9e8d/workspaces/4d1b2d3e-4f50-4617-8293-a4b5c6d7e8f9"
                + "/flows/x").then().statusCode(200);
    }
}
