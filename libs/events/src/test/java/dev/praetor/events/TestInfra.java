package dev.praetor.events;

import dev.praetor.infra.EmbeddedKafkaBroker;
import dev.praetor.infra.EmbeddedPostgresServer;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * One real PostgreSQL (with the outbox migration applied) and one real Kafka broker for all test classes of this
 * module, started on first use; embedded-infra stops them when the JVM exits.
 */
final class TestInfra {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String DATABASE = "events_test";

    private static EmbeddedKafkaBroker kafka;
    private static Pool pool;

    private TestInfra() {
    }

    static synchronized EmbeddedKafkaBroker kafka() {
        if (kafka == null) {
            kafka = EmbeddedKafkaBroker.start(dataDirectory().resolve("kafka"), 0);
        }
        return kafka;
    }

    static synchronized Pool pool() {
        if (pool == null) {
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDirectory().resolve("postgres"), 0);
            postgres.createDatabaseIfMissing(DATABASE);
            PgConnectOptions connect = PgConnectOptions.fromUri(postgres.reactiveUrl(DATABASE))
                    .setUser(postgres.username())
                    .setPassword(postgres.password());
            pool = PgBuilder.pool()
                    .connectingTo(connect)
                    .with(new PoolOptions().setMaxSize(8))
                    .using(Vertx.vertx())
                    .build();
            // What Flyway does in the services on an empty database: run the migration shipped in this jar.
            pool.query("DROP TABLE IF EXISTS outbox").execute().await().atMost(TIMEOUT);
            pool.query(resource("db/outbox/V0_1__outbox.sql")).execute().await().atMost(TIMEOUT);
        }
        return pool;
    }

    static long outboxSize() {
        return pool().query("SELECT count(*) FROM outbox").execute().await().atMost(TIMEOUT)
                .iterator().next().getLong(0);
    }

    /** Polls {@code condition} until it holds; fails with {@code description} at the deadline. */
    static void await(String description, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + description);
            }
            sleep(Duration.ofMillis(20));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Reused from run to run (the servers start faster on existing data); tests use fresh topics and tables. */
    private static Path dataDirectory() {
        return Path.of("target", "test-infra");
    }

    private static String resource(String name) {
        try (InputStream in = TestInfra.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
