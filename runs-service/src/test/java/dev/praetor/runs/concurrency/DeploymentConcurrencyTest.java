package dev.praetor.runs.concurrency;

import static dev.praetor.runs.Api.createFlowRun;
import static dev.praetor.runs.Api.in;
import static dev.praetor.runs.Api.setState;
import static dev.praetor.runs.Api.state;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.praetor.runs.RunsTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Deployment concurrency (flow rules 7 and 17) over the v2 limit {@code deployment:<id>} and its leases. */
@QuarkusTest
@TestProfile(RunsTestProfile.class)
class DeploymentConcurrencyTest {
    private final UUID ws = UUID.randomUUID();

    private int activeSlots(String name) {
        return in(ws).get("/v2/concurrency_limits/" + name).then().statusCode(200).extract().path("active_slots");
    }

    @Test
    void secondRunOfAFullDeploymentWaitsForTheFirstToFinish() {
        UUID deployment = UUID.randomUUID();
        String limitName = "deployment:" + deployment;
        in(ws).body("{\"name\": \"" + limitName + "\", \"limit\": 1}").post("/v2/concurrency_limits/").then().statusCode(201);
        String scheduled = "\"deployment_id\": \"" + deployment + "\", \"state\": {\"type\": \"SCHEDULED\"}";
        String first = createFlowRun(ws, scheduled);
        String second = createFlowRun(ws, scheduled);

        setState(ws, first, state("PENDING")).statusCode(201).body("status", equalTo("ACCEPT"))
                .body("state.state_details.deployment_concurrency_lease_id", notNullValue());
        assertEquals(1, activeSlots(limitName));

        // the rejection writes the AwaitingConcurrencySlot state (hence 201)
        setState(ws, second, state("PENDING")).statusCode(201).body("status", equalTo("REJECT"))
                .body("state.name", equalTo("AwaitingConcurrencySlot"));

        setState(ws, first, state("RUNNING")).statusCode(201).body("status", equalTo("ACCEPT"));
        setState(ws, first, state("COMPLETED")).statusCode(201).body("status", equalTo("ACCEPT"));
        assertEquals(0, activeSlots(limitName));

        setState(ws, second, state("PENDING")).statusCode(201).body("status", equalTo("ACCEPT"));
        assertEquals(1, activeSlots(limitName));
    }

    @Test
    void deploymentWithoutALimitIsUnlimited() {
        String scheduled = "\"deployment_id\": \"" + UUID.randomUUID() + "\", \"state\": {\"type\": \"SCHEDULED\"}";
        setState(ws, createFlowRun(ws, scheduled), state("PENDING")).statusCode(201).body("status", equalTo("ACCEPT"));
        setState(ws, createFlowRun(ws, scheduled), state("PENDING")).statusCode(201).body("status", equalTo("ACCEPT"));
    }
}
