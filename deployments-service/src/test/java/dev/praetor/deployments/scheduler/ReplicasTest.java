package dev.praetor.deployments.scheduler;

import static dev.praetor.deployments.Requests.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.deployments.DeploymentsTestProfile;
import dev.praetor.deployments.RunsService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Replicas of deployments-service share one database: their scheduler rounds race (each on its own connection, as
 * separate JVMs would) and must still give every schedule date exactly one run.
 */
@QuarkusTest
@TestProfile(DeploymentsTestProfile.class)
class ReplicasTest {
    private static final int REPLICAS = 4;

    @Inject
    DeploymentScheduler scheduler;

    @Test
    void concurrentRoundsOfSeveralReplicasCreateNoDuplicateScheduledRuns() throws Exception {
        UUID ws = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            in(ws).body("{\"flow_id\":\"" + UUID.randomUUID() + "\",\"name\":\"replicated-" + i + "\","
                    + "\"schedules\":[{\"schedule\":{\"cron\":\"*/5 * * * *\"}},{\"schedule\":{\"interval\":900}}]}")
                    .post("/deployments/").then().statusCode(201);
        }
        ExecutorService replicas = Executors.newFixedThreadPool(REPLICAS);
        int roundsThatRan = 0;
        try {
            for (int wave = 0; wave < 3; wave++) {
                List<Callable<Boolean>> rounds = new ArrayList<>();
                for (int r = 0; r < REPLICAS; r++) {
                    rounds.add(scheduler::runOnce);
                }
                for (Future<Boolean> round : replicas.invokeAll(rounds)) {
                    roundsThatRan += round.get() ? 1 : 0;
                }
            }
        } finally {
            replicas.shutdownNow();
        }
        assertTrue(roundsThatRan >= 3, "at least one round per wave holds the lock: " + roundsThatRan);
        List<ObjectNode> runs = RunsService.runs(ws);
        List<String> keys = runs.stream().map(run -> run.get("idempotency_key").asText()).toList();
        assertEquals(keys.size(), new HashSet<>(keys).size(), "duplicate scheduled runs: " + keys);
        // every 5 minutes for the next hour (12 or 13 dates) and every 15 minutes (at least 4), per deployment
        assertTrue(runs.size() >= 3 * (12 + 4) && runs.size() <= 3 * (13 + 5), "runs: " + runs.size());
        List<String> dates = runs.stream().map(run -> run.get("deployment_id").asText() + " "
                + run.get("created_by").get("id").asText() + " " + run.get("next_scheduled_start_time").asText()).toList();
        assertEquals(dates.size(), new HashSet<>(dates).size(), "two runs for one schedule date");
    }
}
