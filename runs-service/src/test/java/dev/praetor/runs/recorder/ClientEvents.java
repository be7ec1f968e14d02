package dev.praetor.runs.recorder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.events.SnapshotRecord;
import dev.praetor.events.WireFormat;
import dev.praetor.testsupport.SharedInfra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Task-run state events as Prefect's engine emits them, published on {@code events} as events-service does. */
final class ClientEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClientEvents() {
    }

    /** A {@code prefect.task-run.<name>} event; {@code orchestration} is the resource's prefect.orchestration label. */
    static JsonNode stateChange(UUID eventId, UUID taskRunId, UUID flowRunId, String taskKey, String dynamicKey,
            String type, String name, OffsetDateTime at, int runCount, String orchestration) {
        String related = flowRunId == null ? "" : """
                , {"prefect.resource.id": "prefect.flow-run.%s", "prefect.resource.role": "flow-run",
                   "prefect.resource.name": "crimson-otter"}""".formatted(flowRunId);
        String json = """
                {"id": "%1$s", "occurred": "%2$s", "event": "prefect.task-run.%3$s",
                 "resource": {"prefect.resource.id": "prefect.task-run.%4$s", "prefect.resource.name": "load-3f1",
                              "prefect.run-count": "%5$d", "prefect.state-name": "%3$s", "prefect.state-type": "%6$s",
                              "prefect.orchestration": "%7$s"},
                 "related": [{"prefect.resource.id": "prefect.tag.db", "prefect.resource.role": "tag"}%8$s],
                 "payload": {
                   "intended": {"from": null, "to": "%6$s"},
                   "initial_state": null,
                   "validated_state": {"type": "%6$s", "name": "%3$s", "message": null,
                                       "state_details": {"retriable": false}, "data": null},
                   "task_run": {"name": "load-3f1", "task_key": "%9$s", "dynamic_key": "%10$s",
                                "empirical_policy": {"retries": 1, "retry_delay": 0, "retry_jitter_factor": null},
                                "tags": ["db"], "labels": {}, "task_inputs": {"x": [{"input_type": "parameter", "name": "n"}]},
                                "run_count": %5$d, "flow_run_run_count": 1, "expected_start_time": "%2$s",
                                "total_run_time": 0.25}},
                 "follows": null, "received": "%2$s"}""".formatted(eventId, at, name, taskRunId, runCount, type,
                orchestration, related, taskKey, dynamicKey);
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Publishes the events on {@code events} in order, in the wire format of events-service's outbox. */
    static void publish(UUID workspaceId, JsonNode... events) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.get().kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (JsonNode event : events) {
                String key = event.get("id").asText();
                producer.send(WireFormat.toProducerRecord(new SnapshotRecord("events", key, workspaceId, 1, event))).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
