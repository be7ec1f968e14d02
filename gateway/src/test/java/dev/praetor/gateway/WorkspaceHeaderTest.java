package dev.praetor.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The internal tenancy headers: set by the gateway from the path, never taken from the client. */
@QuarkusTest
@WithTestResource(EchoUpstreamResource.class)
class WorkspaceHeaderTest {

    private static final String DEFAULT_WORKSPACE = "00000000-0000-0000-0000-000000000000";

    @Test
    void plainPrefixActsInTheDefaultWorkspace() {
        given().get("/api/flows/x").then().statusCode(200)
                .body("headers.x-praetor-workspace-id", equalTo(DEFAULT_WORKSPACE))
                .body("headers.x-praetor-account-id", nullValue());
    }

    @Test
    void workspaceHeaderSentByTheClientIsReplaced() {
        given().header("X-Praetor-Workspace-Id", "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9")
                .get("/api/flows/x").then().statusCode(200)
                .body("headers.x-praetor-workspace-id", equalTo(DEFAULT_WORKSPACE));
    }

    @Test
    void accountHeaderSentByTheClientIsDropped() {
        given().header("X-Praetor-Account-Id", "6f6b1f0e-5f4e-4a43-9d5b-3f2a1c0b9e8d")
                .get("/api/flows/x").then().statusCode(200)
                .body("headers.x-praetor-account-id", nullValue());
    }

    @Test
    void workspacePrefixForwardsItsIdsInCanonicalForm() {
        given().get("/api/accounts/6F6B1F0E5F4E4A439D5B3F2A1C0B9E8D/workspaces/0B1C2D3E-4F50-4617-8293-A4B5C6D7E8F9"
                        + "/flows/x")
                .then().statusCode(200)
                .body("headers.x-praetor-account-id", equalTo("6f6b1f0e-5f4e-4a43-9d5b-3f2a1c0b9e8d"))
                .body("headers.x-praetor-workspace-id", equalTo("0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9"));
    }

    @Test
    void forwardedPrefixNamesThePrefixTheRequestCameThrough() {
        String prefix = "/api/accounts/6f6b1f0e-5f4e-4a43-9d5b-3f2a1c0b9e8d/workspaces/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";
        given().get(prefix + "/flows/x").then().statusCode(200)
                .body("headers.x-forwarded-prefix", equalTo(prefix));
    }
}
