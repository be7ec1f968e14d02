package dev.praetor.events;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka, in id order, and deletes them once Kafka has acknowledged them.
 * Plain Java; the {@link OutboxRelay} CDI bean runs it in the services.
 *
 * <p>Each round is one transaction on a dedicated thread: lock the next batch ({@code FOR UPDATE SKIP LOCKED}), send
 * it with one idempotent producer, wait for every ack, delete the rows, commit. Any failure rolls back, so the rows
 * stay and are sent again after a backoff: a Kafka outage delays records but never drops them, and a row becomes
 * visible to the relay only when its writer commits. A retried round may repeat records that Kafka had already
 * acknowledged (at-least-once); consumers are idempotent by version.
 *
 * <p>New rows are noticed by polling every {@code idlePoll} (50 ms by default) with a one-row probe outside any
 * transaction. {@code LISTEN}/{@code pg_notify} would wake the relay sooner, but PostgreSQL serialises the commits of
 * all notifying transactions on one database-wide lock, which would throttle every write path that appends to the
 * outbox; a few index probes per second cost far less, and facts may lag by 50 ms (read-through covers
 * read-your-writes).
 */
public final class OutboxRelayWorker implements AutoCloseable {

    /** Relay tuning; {@code bootstrapServers} as in the Kafka clients' {@code bootstrap.servers}. */
    public record Settings(String bootstrapServers, int batchSize, Duration idlePoll) {
        public static final int DEFAULT_BATCH_SIZE = 500;
        public static final Duration DEFAULT_IDLE_POLL = Duration.ofMillis(50);

        public Settings {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be positive");
            }
            if (idlePoll.isNegative() || idlePoll.isZero()) {
                throw new IllegalArgumentException("idlePoll must be positive");
            }
        }

        public static Settings defaults(String bootstrapServers) {
            return new Settings(bootstrapServers, DEFAULT_BATCH_SIZE, DEFAULT_IDLE_POLL);
        }
    }

    private static final Logger LOG = Logger.getLogger(OutboxRelayWorker.class);

    private static final String PROBE = "SELECT 1 FROM outbox ORDER BY id LIMIT 1";
    /**
     * One relaying replica at a time per database: two replicas sending overlapping batches could interleave the
     * versions of one key on its partition, and compaction keeps a key's last record, not its highest version.
     */
    private static final String TRY_RELAY_LOCK = "SELECT pg_try_advisory_xact_lock(hashtext('praetor.outbox-relay'))";
    private static final String SELECT_BATCH = """
            SELECT id, topic, record_key, workspace_id, version, payload::text AS payload
              FROM outbox ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED""";
    private static final String DELETE_SENT = "DELETE FROM outbox WHERE id = ANY($1)";

    /** Short Kafka timeouts make an outage fail a round quickly, so that it is retried instead of blocking. */
    private static final int MAX_BLOCK_MS = 5_000;
    private static final int REQUEST_TIMEOUT_MS = 10_000;
    private static final int DELIVERY_TIMEOUT_MS = 15_000; // Kafka requires >= linger.ms + request.timeout.ms
    private static final Duration ACK_WAIT = Duration.ofMillis(DELIVERY_TIMEOUT_MS + 5_000);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Pool pool;
    private final Settings settings;
    private final Thread thread;
    private final StopSignal stop = new StopSignal();
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
    private final OutageLog outageLog = new OutageLog(LOG, "Outbox relay");
    private final AtomicLong published = new AtomicLong();
    private boolean started;
    private KafkaProducer<String, byte[]> producer; // relay thread only

    public OutboxRelayWorker(Pool pool, Settings settings) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.thread = new Thread(this::run, "praetor-outbox-relay");
        this.thread.setDaemon(true);
    }

    /** Starts the relay thread; at most once. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("relay already started");
        }
        started = true;
        thread.start();
    }

    /**
     * How long relaying has been failing (Kafka or the database unavailable); empty while it works. For health checks:
     * records wait in the outbox meanwhile.
     */
    public Optional<Duration> failingFor() {
        return outageLog.failingFor();
    }

    /** Records acknowledged by Kafka (and deleted from the outbox) since start. */
    public long publishedCount() {
        return published.get();
    }

    /**
     * Stops the relay: a round in progress gets a few seconds to finish, then the thread is interrupted; an
     * interrupted round is rolled back, so its rows are relayed again later.
     */
    @Override
    public void close() {
        stop.stop();
        synchronized (this) {
            if (!started) {
                return;
            }
        }
        try {
            thread.join(STOP_GRACE.toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(STOP_GRACE.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (!stop.isStopped()) {
                int relayed;
                try {
                    relayed = relayOneBatch();
                } catch (RuntimeException e) {
                    if (!stop.isStopped()) {
                        if (e instanceof KafkaUnavailableException) {
                            outageLog.failure("Kafka unavailable", e.getCause());
                        } else {
                            outageLog.failure("database unavailable", e);
                        }
                        stop.sleep(backoff.next());
                    }
                    continue;
                }
                outageLog.success();
                backoff.reset();
                if (relayed < settings.batchSize()) {
                    stop.sleep(settings.idlePoll()); // a full batch means more is waiting: go again at once
                }
            }
        } finally {
            if (producer != null) {
                Thread.interrupted(); // a forced stop interrupts us; the producer must still be released
                producer.close(Duration.ofSeconds(2));
            }
        }
    }

    /** One round; returns the number of records relayed (0 when idle or while another replica is relaying). */
    private int relayOneBatch() {
        if (pool.query(PROBE).execute().await().atMost(DB_TIMEOUT).size() == 0) {
            return 0;
        }
        SqlConnection conn = pool.getConnection().await().atMost(DB_TIMEOUT);
        try {
            Transaction tx = conn.begin().await().atMost(DB_TIMEOUT);
            try {
                boolean relayLock = conn.query(TRY_RELAY_LOCK).execute().await().atMost(DB_TIMEOUT)
                        .iterator().next().getBoolean(0);
                RowSet<Row> rows = relayLock
                        ? conn.preparedQuery(SELECT_BATCH).execute(Tuple.of(settings.batchSize()))
                                .await().atMost(DB_TIMEOUT)
                        : null;
                if (rows == null || rows.size() == 0) {
                    tx.rollback().await().atMost(DB_TIMEOUT);
                    return 0;
                }
                Long[] sentIds = publish(rows);
                conn.preparedQuery(DELETE_SENT).execute(Tuple.of(sentIds)).await().atMost(DB_TIMEOUT);
                tx.commit().await().atMost(DB_TIMEOUT);
                published.addAndGet(sentIds.length);
                return sentIds.length;
            } catch (RuntimeException e) {
                tx.rollback().subscribe().with(ignored -> { }, ignored -> { }); // may be rolled back already
                throw e;
            }
        } finally {
            conn.close().subscribe().with(ignored -> { }, ignored -> { });
        }
    }

    /** Sends the rows and waits until Kafka has acknowledged all of them; returns their ids. */
    private Long[] publish(RowSet<Row> rows) {
        Long[] ids = new Long[rows.size()];
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Callback onAck = (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        };
        try {
            KafkaProducer<String, byte[]> kafka = producer();
            int i = 0;
            for (Row row : rows) {
                // A refused send fails at once, but only after max.block.ms: stop at the first rather than wait
                // that long for every remaining record of the batch.
                if (failure.get() != null) {
                    break;
                }
                ids[i++] = row.getLong("id");
                String payload = row.getString("payload");
                SnapshotRecord record = new SnapshotRecord(row.getString("topic"), row.getString("record_key"),
                        row.getUUID("workspace_id"), row.getLong("version"),
                        payload == null ? null : WireFormat.parse(payload));
                acks.add(kafka.send(WireFormat.toProducerRecord(record), onAck));
            }
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
        awaitAll(acks, failure); // even after a failure, so that no send of this round outlives it
        if (failure.get() != null) {
            throw new KafkaUnavailableException(failure.get());
        }
        return ids;
    }

    /** Waits for every ack (each is bounded by the delivery timeout), recording a timeout as a failure. */
    private static void awaitAll(List<Future<RecordMetadata>> acks, AtomicReference<Throwable> failure) {
        long deadline = System.nanoTime() + ACK_WAIT.toNanos();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                failure.compareAndSet(null, e.getCause()); // already recorded by the callback, normally
            } catch (TimeoutException e) {
                failure.compareAndSet(null, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure.compareAndSet(null, e);
                return;
            }
        }
    }

    /** Created on first use, so that a bootstrap address that does not resolve yet is just one more retried failure. */
    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                    ProducerConfig.CLIENT_ID_CONFIG, "praetor-outbox-relay",
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.LINGER_MS_CONFIG, 5,
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG, WireFormat.MAX_RECORD_BYTES,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** A round failed on the Kafka side: a send was refused or not acknowledged in time. */
    private static final class KafkaUnavailableException extends RuntimeException {
        KafkaUnavailableException(Throwable cause) {
            super(cause);
        }
    }
}
