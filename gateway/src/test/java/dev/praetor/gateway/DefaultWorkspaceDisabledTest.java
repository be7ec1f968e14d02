package dev.praetor.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(DefaultWorkspaceDisabledTest.NoDefaultWorkspace.class)
@WithTestResource(EchoUpstreamResource.class)
class DefaultWorkspaceDisabledTest {

    public static class NoDefaultWorkspace implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("praetor.gateway.default-workspace-enabled", "false");
        }
    }

    @Test
    void plainPrefixResourceAnswers404() {
        given().post("/api/flows/filter").then().statusCode(404).body(equalTo("{\"detail\":\"Not Found\"}"));
    }

    @Test
    void workspacePrefixStillReachesServices() {
        given().post("/api/accounts/6f6b1f0e-5f4e-4a43-9d5b-3f2a1c0b9e8d/workspaces/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9"
                + "/flows/filter").then().statusCode(200)
                .body("headers.x-praetor-workspace-id", equalTo("0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9"));
    }

    @Test
    void plainPrefixRootRoutesStillAnswer() {
        given().get("/api/health").then().statusCode(200).body(equalTo("true"));
    }
}
