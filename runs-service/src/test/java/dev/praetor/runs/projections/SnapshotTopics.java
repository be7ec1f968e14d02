package dev.praetor.runs.projections;

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
 * ({@link WireFormat}, the owners' {@code data} shapes: flows-service's {@code Flow},
 * deployments-service's {@code DeploymentResponse + flow_name} and {@code WorkQueueResponse + work_pool_type}), and
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

    /** flows-service's flow snapshot ({@code Flow}). */
    public static SnapshotRecord flow(UUID ws, UUID id, long version, String name, List<String> tags) {
        ObjectNode flow = JSON.objectNode();
        flow.put("id", id.toString()).put("created", now()).put("updated", now()).put("name", name);
        tags.forEach(flow.putArray("tags")::add);
        flow.putObject("labels");
        return new SnapshotRecord("flows", id.toString(), ws, version, flow);
    }

    /** deployments-service's deployment snapshot ({@code DeploymentResponse} + {@code flow_name}). */
    public static SnapshotRecord deployment(UUID ws, UUID id, long version, UUID flowId, String flowName, String name,
            boolean paused, List<String> tags, UUID workQueueId, String workQueueName, String workPoolName) {
        ObjectNode d = JSON.objectNode();
        d.put("id", id.toString()).put("created", now()).put("updated", now()).put("name", name)
                .put("version", (String) null).put("description", (String) null).put("flow_id", flowId.toString())
                .put("paused", paused);
        d.putArray("schedules");
        d.put("concurrency_limit", (String) null).put("global_concurrency_limit", (String) null)
                .put("concurrency_options", (String) null);
        d.putObject("job_variables");
        d.putObject("parameters");
        tags.forEach(d.putArray("tags")::add);
        d.putObject("labels");
        d.put("work_queue_name", workQueueName).put("work_queue_id", workQueueId == null ? null : workQueueId.toString())
                .put("last_polled", (String) null).put("parameter_openapi_schema", (String) null)
                .put("path", (String) null).put("pull_steps", (String) null).put("entrypoint", (String) null)
                .put("storage_document_id", (String) null).put("infrastructure_document_id", (String) null)
                .put("created_by", (String) null).put("updated_by", (String) null).put("work_pool_name", workPoolName)
                .put("status", "NOT_READY").put("enforce_parameter_schema", true).put("flow_name", flowName);
        return new SnapshotRecord("deployments", id.toString(), ws, version, d);
    }

    /** deployments-service's work-queue snapshot ({@code WorkQueueResponse} + {@code work_pool_type}). */
    public static SnapshotRecord workQueue(UUID ws, UUID id, long version, String name, UUID poolId, String poolName,
            String poolType) {
        ObjectNode q = JSON.objectNode();
        q.put("id", id.toString()).put("created", now()).put("updated", now()).put("name", name)
                .put("description", "").put("is_paused", false).put("concurrency_limit", (Integer) null)
                .put("priority", 1).put("work_pool_id", poolId.toString()).put("filter", (String) null)
                .put("last_polled", (String) null).put("work_pool_name", poolName).put("status", "NOT_READY")
                .put("work_pool_type", poolType);
        return new SnapshotRecord("work-queues", id.toString(), ws, version, q);
    }

    public static SnapshotRecord tombstone(String topic, UUID ws, UUID id, long version) {
        return SnapshotRecord.tombstone(topic, id.toString(), ws, version);
    }
}
