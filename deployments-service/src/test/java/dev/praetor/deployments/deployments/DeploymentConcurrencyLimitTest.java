package dev.praetor.deployments.deployments;

import static dev.praetor.deployments.Requests.in;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.praetor.deployments.DeploymentsTestProfile;
import dev.praetor.rest.tenancy.Workspace;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A deployment's {@code concurrency_limit} is the v2 limit {@code deployment:<id>} in the real runs-service
 * (deployments.md §2.4, §3.6), shown in {@code global_concurrency_limit}.
 */
@QuarkusTest
@TestProfile(DeploymentsTestProfile.class)
class DeploymentConcurrencyLimitTest {

    /** runs-service's own API, in the workspace. */
    private static RequestSpecification runs(UUID ws) {
        return given().baseUri(ConfigProvider.getConfig().getValue("praetor.services.runs-url", String.class))
                .contentType("application/json").header(Workspace.HEADER, ws.toString());
    }

    private static String create(UUID ws, UUID flow, String name, String extra, int status) {
        return in(ws).body(DeploymentResourceTest.deployment(flow, name, extra)).post("/deployments/").then()
                .statusCode(status).extract().path("id");
    }

    @Test
    void concurrencyLimitCreatesResizesAndDeletesTheDeploymentLimitInRunsService() {
        UUID ws = UUID.randomUUID();
        UUID flow = UUID.randomUUID();
        String id = in(ws).body(DeploymentResourceTest.deployment(flow, "limited", "\"concurrency_limit\":2"))
                .post("/deployments/").then().statusCode(201)
                .body("concurrency_limit", nullValue())
                .body("global_concurrency_limit.limit", equalTo(2))
                .body("global_concurrency_limit.name", org.hamcrest.Matchers.startsWith("deployment:"))
                .extract().path("id");
        String limitId = runs(ws).get("/v2/concurrency_limits/deployment:" + id).then().statusCode(200)
                .body("limit", equalTo(2)).body("active", equalTo(true)).extract().path("id");
        in(ws).get("/deployments/" + id).then().statusCode(200).body("concurrency_limit", nullValue())
                .body("global_concurrency_limit.id", equalTo(limitId))
                .body("global_concurrency_limit.name", equalTo("deployment:" + id))
                .body("global_concurrency_limit.active_slots", equalTo(0));

        in(ws).body("{\"concurrency_limit\":5}").patch("/deployments/" + id).then().statusCode(204);
        runs(ws).get("/v2/concurrency_limits/deployment:" + id).then().statusCode(200).body("limit", equalTo(5))
                .body("id", equalTo(limitId));
        in(ws).body("{\"deployments\":{\"id\":{\"any_\":[\"" + id + "\"]}}}").post("/deployments/filter").then()
                .statusCode(200).body("[0].global_concurrency_limit.limit", equalTo(5));

        // an update without the key leaves the limit alone
        in(ws).body("{\"description\":\"d\"}").patch("/deployments/" + id).then().statusCode(204);
        runs(ws).get("/v2/concurrency_limits/deployment:" + id).then().statusCode(200).body("limit", equalTo(5));

        // an upsert with the key resizes the same limit
        create(ws, flow, "limited", "\"concurrency_limit\":4", 200);
        runs(ws).get("/v2/concurrency_limits/deployment:" + id).then().statusCode(200).body("limit", equalTo(4))
                .body("id", equalTo(limitId));

        in(ws).body("{\"concurrency_limit\":null}").patch("/deployments/" + id).then().statusCode(204);
        runs(ws).get("/v2/concurrency_limits/deployment:" + id).then().statusCode(404);
        in(ws).get("/deployments/" + id).then().statusCode(200).body("global_concurrency_limit", nullValue());

        in(ws).body("{\"concurrency_limit\":1}").patch("/deployments/" + id).then().statusCode(204);
        runs(ws).get("/v2/concurrency_limits/deployment:" + id).then().statusCode(200).body("limit", equalTo(1));

        in(ws).delete("/deployments/" + id).then().statusCode(204);
        runs(ws).get("/v2/concurrency_limits/deployment:" + id).then().statusCode(404);
    }

    @Test
    void limitIsPerWorkspace() {
        UUID ws = UUID.randomUUID();
        String id = create(ws, UUID.randomUUID(), "limited", "\"concurrency_limit\":3", 201);
        runs(UUID.randomUUID()).get("/v2/concurrency_limits/deployment:" + id).then().statusCode(404);
        in(UUID.randomUUID()).get("/deployments/" + id).then().statusCode(404);
    }

    @Test
    void globalConcurrencyLimitIdLinksAnExistingLimit() {
        UUID ws = UUID.randomUUID();
        String shared = runs(ws).body("{\"name\":\"shared\",\"limit\":7}").post("/v2/concurrency_limits/").then()
                .statusCode(201).extract().path("id");
        in(ws).body(DeploymentResourceTest.deployment(UUID.randomUUID(), "a",
                        "\"global_concurrency_limit_id\":\"" + UUID.randomUUID() + "\""))
                .post("/deployments/").then().statusCode(404).body("detail", equalTo("Concurrency limit not found"));
        String id = in(ws).body(DeploymentResourceTest.deployment(UUID.randomUUID(), "b",
                        "\"global_concurrency_limit_id\":\"" + shared + "\""))
                .post("/deployments/").then().statusCode(201)
                .body("global_concurrency_limit.id", equalTo(shared)).body("global_concurrency_limit.limit", equalTo(7))
                .extract().path("id");
        // concurrency_limit resizes the linked limit, even a shared one (Prefect's behaviour)
        in(ws).body("{\"concurrency_limit\":8}").patch("/deployments/" + id).then().statusCode(204);
        runs(ws).get("/v2/concurrency_limits/shared").then().statusCode(200).body("limit", equalTo(8));
        runs(ws).get("/v2/concurrency_limits/deployment:" + id).then().statusCode(404);
    }

    @Test
    void bothLimitsAtOnceAre422() {
        in(UUID.randomUUID()).body(DeploymentResourceTest.deployment(UUID.randomUUID(), "x",
                        "\"concurrency_limit\":2,\"global_concurrency_limit_id\":\"" + UUID.randomUUID() + "\""))
                .post("/deployments/").then().statusCode(422);
    }
}
