package dev.praetor.deployments.cascades;

import static dev.praetor.deployments.Requests.in;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.praetor.deployments.DeploymentsTestProfile;
import dev.praetor.rest.tenancy.Workspace;
import dev.praetor.testsupport.Eventually;
import dev.praetor.testsupport.topics.SnapshotTopics;
import dev.praetor.testsupport.topics.Snapshots;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Deleting a flow deletes its deployments (with their schedules and concurrency limit), driven by the tombstone
 * flows-service publishes on {@code flows}; other flows' and other workspaces' deployments stay.
 */
@QuarkusTest
@TestProfile(DeploymentsTestProfile.class)
class FlowCascadeTest {
    private static final String GROUP = "deployments-service-cascades";
    private static final String SCHEDULE = "\"schedules\":[{\"schedule\":{\"interval\":3600}}]";

    private static String create(UUID ws, UUID flow, String name, String extra) {
        return in(ws).body("{\"flow_id\":\"" + flow + "\",\"name\":\"" + name + "\"" + (extra.isEmpty() ? "" : "," + extra)
                + "}").post("/deployments/").then().statusCode(201).extract().path("id");
    }

    private static int status(UUID ws, String id) {
        return in(ws).get("/deployments/" + id).then().extract().statusCode();
    }

    private static int limitStatus(UUID ws, String deploymentId) {
        return given().baseUri(ConfigProvider.getConfig().getValue("praetor.services.runs-url", String.class))
                .header(Workspace.HEADER, ws.toString()).get("/v2/concurrency_limits/deployment:" + deploymentId).then()
                .extract().statusCode();
    }

    @Test
    void flowTombstoneDeletesTheFlowsDeploymentsOnly() {
        UUID ws = UUID.randomUUID();
        UUID otherWs = UUID.randomUUID();
        UUID deletedFlow = UUID.randomUUID();
        UUID keptFlow = UUID.randomUUID();
        String limited = create(ws, deletedFlow, "limited", SCHEDULE + ",\"concurrency_limit\":2");
        String plain = create(ws, deletedFlow, "plain", SCHEDULE);
        String otherFlows = create(ws, keptFlow, "kept", SCHEDULE);
        String otherWorkspaces = create(otherWs, deletedFlow, "elsewhere", "\"concurrency_limit\":1");
        assertEquals(200, limitStatus(ws, limited));

        try (SnapshotTopics topics = new SnapshotTopics()) {
            RecordMetadata sent = topics.send(Snapshots.tombstone("flows", ws, deletedFlow, 2));
            Eventually.await("the deletion of the flow's deployments",
                    () -> status(ws, limited) == 404 && status(ws, plain) == 404);
            topics.awaitConsumed(GROUP, sent);
            assertEquals(404, limitStatus(ws, limited), "the deployment's concurrency limit is deleted with it");
            in(ws).body("{\"deployments\":{\"id\":{\"any_\":[\"" + limited + "\",\"" + plain + "\"]}}}")
                    .post("/deployments/count").then().statusCode(200).body(org.hamcrest.Matchers.equalTo("0"));
            assertEquals(200, status(ws, otherFlows));
            assertEquals(1, in(ws).get("/deployments/" + otherFlows + "/schedules").then().statusCode(200)
                    .extract().jsonPath().getList("$").size());
            assertEquals(200, status(otherWs, otherWorkspaces));
            assertEquals(200, limitStatus(otherWs, otherWorkspaces));

            // a replayed tombstone changes nothing
            RecordMetadata replayed = topics.send(Snapshots.tombstone("flows", ws, deletedFlow, 2));
            topics.awaitConsumed(GROUP, replayed);
            assertEquals(200, status(ws, otherFlows));
            assertEquals(200, status(otherWs, otherWorkspaces));
            assertEquals(404, status(ws, limited));
        }
    }

    @Test
    void flowSnapshotsDeleteNothing() {
        UUID ws = UUID.randomUUID();
        UUID flow = UUID.randomUUID();
        String id = create(ws, flow, "kept", SCHEDULE);
        try (SnapshotTopics topics = new SnapshotTopics()) {
            topics.awaitConsumed(GROUP, topics.send(Snapshots.flow(ws, flow, 1, "etl", List.of())));
        }
        assertEquals(200, status(ws, id));
    }
}
