package dev.praetor.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** How requests reach upstreams: routing, prefix stripping, what crosses the gateway and what does not. */
@QuarkusTest
@WithTestResource(EchoUpstreamResource.class)
class ProxyRoutingTest {

    private static final String NOT_FOUND = "{\"detail\":\"Not Found\"}";
    private static final String WORKSPACE_PREFIX =
            "/api/accounts/6f6b1f0e-5f4e-4a43-9d5b-3f2a1c0b9e8d/workspaces/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";

    @Test
    void unknownApiRouteAnswers404() {
        given().get("/api/no_such_resource/x").then().statusCode(404).contentType("application/json")
                .body(equalTo(NOT_FOUND));
    }

    @Test
    void pathOutsideApiAnswers404() {
        given().get("/index.html").then().statusCode(404).contentType("application/json").body(equalTo(NOT_FOUND));
    }

    @Test
    void nonUuidWorkspaceIdAnswers404() {
        given().get("/api/accounts/6f6b1f0e-5f4e-4a43-9d5b-3f2a1c0b9e8d/workspaces/default/flows/filter")
                .then().statusCode(404).contentType("application/json").body(equalTo(NOT_FOUND));
    }

    @Test
    void nonUuidAccountIdAnswers404() {
        given().get("/api/accounts/acme/workspaces/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9/flows/filter")
                .then().statusCode(404).contentType("application/json").body(equalTo(NOT_FOUND));
    }

    @Test
    void unconfiguredUpstreamAnswers404() {
        given().post("/api/artifacts/filter").then().statusCode(404).contentType("application/json")
                .body(equalTo(NOT_FOUND));
    }

    @Test
    void resourceWithoutAnOwnerYetAnswers404() {
        given().post("/api/templates/validate").then().statusCode(404).contentType("application/json")
                .body(equalTo(NOT_FOUND));
    }

    @Test
    void automationReadsFindNone() {
        given().get("/api/automations/related-to/prefect.deployment.6f6b1f0e-5f4e-4a43-9d5b-3f2a1c0b9e8d").then()
                .statusCode(200).contentType("application/json").body(equalTo("[]"));
        given().contentType("application/json").body("{\"limit\":5}").post("/api/automations/filter").then()
                .statusCode(200).body(equalTo("[]"));
        given().post(WORKSPACE_PREFIX + "/automations/filter").then().statusCode(200).body(equalTo("[]"));
        given().post("/api/automations/count").then().statusCode(200).body(equalTo("0"));
        given().get("/api/automations/6f6b1f0e-5f4e-4a43-9d5b-3f2a1c0b9e8d").then().statusCode(404)
                .body(equalTo("{\"detail\":\"Automation not found\"}"));
    }

    @Test
    void automationWritesAndOtherRoutesAreNotServed() {
        given().contentType("application/json").body("{}").post("/api/automations/").then().statusCode(404)
                .body(equalTo(NOT_FOUND));
        // prefect deploy / serve tolerate a 404 here, but not a 405.
        given().delete("/api/automations/owned-by/prefect.deployment.x").then().statusCode(404)
                .body(equalTo(NOT_FOUND));
        given().delete("/api/automations/6f6b1f0e-5f4e-4a43-9d5b-3f2a1c0b9e8d").then().statusCode(404)
                .body(equalTo(NOT_FOUND));
        given().get("/api/automations/not-a-uuid").then().statusCode(404).body(equalTo(NOT_FOUND));
        given().get("/api/automations/related-to/a/b").then().statusCode(404).body(equalTo(NOT_FOUND));
    }

    @Test
    void liveLogSocketPathGoesToEventsWhileOtherLogRoutesStayOnRuns() {
        // events is the echo upstream, runs is down: the answer tells which one the gateway picked.
        given().get("/api/logs/out").then().statusCode(200).body("path", equalTo("/logs/out"));
        given().post("/api/logs/filter").then().statusCode(503);
    }

    @Test
    void plainPrefixIsStrippedAndQueryKeptAsSent() {
        given().urlEncodingEnabled(false).get("/api/flows/name/etl%20job?limit=5&tag=a%2Fb")
                .then().statusCode(200)
                .body("path", equalTo("/flows/name/etl%20job"))
                .body("query", equalTo("limit=5&tag=a%2Fb"));
    }

    @Test
    void workspacePrefixIsStripped() {
        given().post(WORKSPACE_PREFIX + "/flows/filter").then().statusCode(200).body("path", equalTo("/flows/filter"));
    }

    @Test
    void twoSegmentResourcesAreRoutedByBothSegments() {
        given().get("/api/events/filter/next?page-token=abc").then().statusCode(200)
                .body("path", equalTo("/events/filter/next"));
    }

    @Test
    void methodStatusAndResponseHeadersAreRelayed() {
        given().patch("/api/flows/6f6b1f0e-5f4e-4a43-9d5b-3f2a1c0b9e8d?status=418").then().statusCode(418)
                .header("X-Echo-Status", "418")
                .body("method", equalTo("PATCH"));
    }

    @Test
    void endToEndRequestHeadersAreForwarded() {
        given().header("User-Agent", "prefect/3.9.1 (API 0.8.4)").header("X-Prefect-Flow-Name", "etl")
                .get("/api/flows/x").then().statusCode(200)
                .body("headers.user-agent", equalTo("prefect/3.9.1 (API 0.8.4)"))
                .body("headers.x-prefect-flow-name", equalTo("etl"));
    }

    @Test
    void hostHeaderIsTheOneTheClientSent() {
        // Services build absolute URLs (events' next_page) from the host the client used.
        given().header("Host", "praetor.example:4200").get("/api/flows/x").then().statusCode(200)
                .body("headers.host", equalTo("praetor.example:4200"));
    }

    @Test
    void hopByHopHeadersAreNotForwarded() {
        given().header("Connection", "keep-alive, X-Hop-Option").header("X-Hop-Option", "1")
                .header("Keep-Alive", "timeout=5").header("TE", "trailers")
                .get("/api/flows/x").then().statusCode(200)
                .body("headers.x-hop-option", nullValue())
                .body("headers.keep-alive", nullValue())
                .body("headers.te", nullValue());
    }

    @Test
    void dotSegmentsAreNotForwarded() {
        given().urlEncodingEnabled(false).get("/api/flows/%2e%2e/q/health").then().statusCode(404)
                .body(equalTo(NOT_FOUND));
    }
}
