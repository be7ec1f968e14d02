package dev.praetor.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Creates Kafka topics idempotently, in the background, retrying until every one exists, so that a Kafka outage
 * never blocks the start of a service. Plain Java (the {@link TopicProvisioner} CDI bean wraps it for the services).
 * An existing topic is left as it is.
 */
public final class TopicCreator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopicCreator.class);
    private static final int REQUEST_TIMEOUT_MS = 5_000;
    private static final int API_TIMEOUT_MS = 10_000;

    private final String bootstrapServers;
    private final Map<String, Boolean> compactedByTopic;
    private final int partitions;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final StopSignal stop = new StopSignal();
    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));
    private final OutageLog outageLog = new OutageLog(LOG, "Kafka topic creation");
    private boolean started;
    private Thread thread;

    /**
     * @param compactedByTopic the topics to create; true = {@code cleanup.policy=compact}, false = the broker default
     * @param partitions       partitions of each new topic; the replication factor is the broker's default
     */
    public TopicCreator(String bootstrapServers, Map<String, Boolean> compactedByTopic, int partitions) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.compactedByTopic = Map.copyOf(compactedByTopic);
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive");
        }
        this.partitions = partitions;
    }

    /** Starts creating the topics; the returned stage completes once they all exist (at once when there are none). */
    public synchronized CompletableFuture<Void> start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        if (compactedByTopic.isEmpty()) {
            done.complete(null);
        } else {
            thread = new Thread(this::run, "praetor-topic-creator");
            thread.setDaemon(true);
            thread.start();
        }
        return done;
    }

    /** Stops retrying; a stage not yet completed is cancelled. */
    @Override
    public void close() {
        stop.stop();
        Thread creator;
        synchronized (this) {
            creator = thread;
        }
        if (creator != null) {
            try {
                creator.join(API_TIMEOUT_MS + 1_000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        done.cancel(false);
    }

    private void run() {
        Map<String, Boolean> missing = new LinkedHashMap<>(compactedByTopic);
        List<String> created = new ArrayList<>();
        Admin admin = null;
        try {
            while (!stop.isStopped() && !missing.isEmpty()) {
                try {
                    admin = admin != null ? admin : newAdmin();
                    createMissing(admin, missing, created);
                } catch (Exception e) {
                    if (!stop.isStopped()) {
                        outageLog.failure("Kafka unavailable", e);
                        stop.sleep(backoff.next());
                    }
                }
            }
        } finally {
            if (admin != null) {
                admin.close(Duration.ofSeconds(2));
            }
        }
        if (missing.isEmpty()) {
            outageLog.success();
            LOG.infof("Kafka topics ready (%d created: %s)", created.size(), created);
            done.complete(null);
        }
    }

    /** One attempt: removes the topics that exist now from {@code missing}; throws the first failure, if any. */
    private void createMissing(Admin admin, Map<String, Boolean> missing, List<String> created) throws Exception {
        List<NewTopic> newTopics = new ArrayList<>();
        missing.forEach((name, compacted) -> {
            Map<String, String> configs = new HashMap<>();
            configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(WireFormat.MAX_RECORD_BYTES));
            if (compacted) {
                configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            }
            newTopics.add(new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs));
        });
        Exception failure = null;
        for (Map.Entry<String, KafkaFuture<Void>> result : admin.createTopics(newTopics).values().entrySet()) {
            try {
                result.getValue().get(API_TIMEOUT_MS + 1_000L, TimeUnit.MILLISECONDS);
                created.add(result.getKey());
                missing.remove(result.getKey());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    missing.remove(result.getKey());
                } else if (failure == null) {
                    failure = e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private Admin newAdmin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "praetor-topic-creator",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, API_TIMEOUT_MS));
    }
}
