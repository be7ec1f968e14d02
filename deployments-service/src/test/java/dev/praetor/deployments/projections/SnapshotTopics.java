package dev.praetor.deployments.projections;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.events.SnapshotRecord;
import dev.praetor.events.WireFormat;
import dev.praetor.testsupport.SharedInfra;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays the owners' side of the snapshot topics in tests: records in the exact wire format their outboxes relay
 * ({@link WireFormat}, the owners' {@code data} shapes: flows-service's {@code Flow}, runs-service's
 * {@code FlowRunResponse} and {@code TaskRun}), and
 * waits (polling with a deadline) until a consumer group has consumed them.
 */
public final class SnapshotTopics implements AutoCloseable {
    public static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final KafkaProducer<String, byte[]> producer;
    private final Admin admin;

    public SnapshotTopics() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.get().kafkaBootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.get().kafkaBootstrapServers()));
    }

    /** Publishes the record and returns where it landed. */
    public RecordMetadata send(SnapshotRecord record) {
        try {
            return producer.send(WireFormat.toProducerRecord(record)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Waits until {@code group} has committed past every given record (i.e. applied it). */
    public void awaitConsumed(String group, RecordMetadata... records) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
            boolean done = true;
            for (RecordMetadata record : records) {
                OffsetAndMetadata offset = committed.get(new TopicPartition(record.topic(), record.partition()));
                if (offset == null || offset.offset() <= record.offset()) {
                    done = false;
                }
            }
            if (done) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("group " + group + " did not consume the records within " + DEADLINE);
            }
            pause();
        }
    }

    /** Waits until {@code group} has committed up to the end of every partition of {@code topics}. */
    public void awaitCaughtUp(String group, List<String> topics) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            Map<TopicPartition, Long> ends = endOffsets(topics);
            Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
            boolean done = ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                    || (committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue()));
            if (done && !ends.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("group " + group + " did not catch up within " + DEADLINE);
            }
            pause();
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetAndMetadata> present = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (offset != null) {
                    present.put(partition, offset);
                }
            });
            return present;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            return Map.of();
        }
    }

    private Map<TopicPartition, Long> endOffsets(List<String> topics) {
        try {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((name, description) -> description.partitions()
                    .forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(request).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            return Map.of();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }

    // ---- the owners' data shapes ----

    private static String now() {
        return OffsetDateTime.now(ZoneOffset.UTC).toString();
    }

    private static ObjectNode state(String type, String name) {
        ObjectNode state = JSON.objectNode();
        state.put("id", UUID.randomUUID().toString()).put("type", type).put("name", name).put("timestamp", now())
                .put("message", (String) null);
        state.putObject("state_details");
        return state;
    }

    /** runs-service's flow-run snapshot ({@code FlowRunResponse}), in state {@code type}. */
    public static SnapshotRecord flowRun(UUID ws, UUID id, long version, UUID flowId, String type, UUID deploymentId,
            List<String> tags) {
        ObjectNode run = JSON.objectNode();
        ObjectNode state = state(type, name(type));
        run.put("id", id.toString()).put("created", now()).put("updated", now()).put("name", "run-" + id)
                .put("flow_id", flowId.toString()).put("state_id", state.get("id").asText())
                .put("deployment_id", deploymentId == null ? null : deploymentId.toString())
                .put("deployment_version", (String) null).put("work_queue_id", (String) null)
                .put("work_queue_name", (String) null).put("flow_version", "1.0");
        run.putObject("parameters");
        run.put("idempotency_key", (String) null);
        run.putObject("context");
        run.putObject("empirical_policy").put("retries", 0).put("retry_delay", 0);
        tags.forEach(run.putArray("tags")::add);
        run.putObject("labels");
        run.put("parent_task_run_id", (String) null).put("state_type", type).put("state_name", name(type))
                .put("run_count", 1).put("expected_start_time", now()).put("next_scheduled_start_time", (String) null)
                .put("start_time", now()).put("end_time", (String) null).put("total_run_time", 0.0)
                .put("estimated_run_time", 0.0).put("estimated_start_time_delta", 0.0).put("auto_scheduled", false)
                .put("infrastructure_document_id", (String) null).put("infrastructure_pid", (String) null)
                .put("created_by", (String) null).put("work_pool_id", (String) null)
                .put("work_pool_name", (String) null);
        run.set("state", state);
        run.putObject("job_variables");
        return new SnapshotRecord("flow-runs", id.toString(), ws, version, run);
    }

    /** runs-service's task-run snapshot ({@code TaskRun}). */
    public static SnapshotRecord taskRun(UUID ws, UUID id, long version, UUID flowRunId, String type, List<String> tags) {
        ObjectNode task = JSON.objectNode();
        ObjectNode state = state(type, name(type));
        task.put("id", id.toString()).put("created", now()).put("updated", now()).put("name", "task-" + id)
                .put("flow_run_id", flowRunId.toString()).put("task_key", "k").put("dynamic_key", "0")
                .put("cache_key", (String) null).put("cache_expiration", (String) null).put("task_version", (String) null);
        task.putObject("empirical_policy");
        tags.forEach(task.putArray("tags")::add);
        task.putObject("labels");
        task.put("state_id", state.get("id").asText());
        task.putObject("task_inputs");
        task.put("state_type", type).put("state_name", name(type)).put("run_count", 1).put("flow_run_run_count", 1)
                .put("expected_start_time", now()).put("next_scheduled_start_time", (String) null)
                .put("start_time", now()).put("end_time", (String) null).put("total_run_time", 0.0)
                .put("estimated_run_time", 0.0).put("estimated_start_time_delta", 0.0);
        task.set("state", state);
        return new SnapshotRecord("task-runs", id.toString(), ws, version, task);
    }

    /** flows-service's flow snapshot ({@code Flow}). */
    public static SnapshotRecord flow(UUID ws, UUID id, long version, String name, List<String> tags) {
        ObjectNode f = JSON.objectNode();
        f.put("id", id.toString()).put("created", now()).put("updated", now()).put("name", name);
        tags.forEach(f.putArray("tags")::add);
        f.putObject("labels");
        return new SnapshotRecord("flows", id.toString(), ws, version, f);
    }

    public static SnapshotRecord tombstone(String topic, UUID ws, UUID id, long version) {
        return SnapshotRecord.tombstone(topic, id.toString(), ws, version);
    }

    private static String name(String type) {
        return type.charAt(0) + type.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

}
