package dev.praetor.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A real PostgreSQL server (the binaries of io.zonky.test.postgres) running as a daemon of this JVM, on loopback.
 *
 * <p>Layout of {@code dataDirectory}: {@code pgdata/} holds the cluster (created by initdb on first start, reused
 * afterwards), {@code postgres.log} the server's output. Authentication is {@code trust}: any password works.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EmbeddedPostgresServer.class.getName());
    private static final String USERNAME = "postgres";
    private static final String PASSWORD = "postgres";
    private static final String HOST = "127.0.0.1";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration LEFTOVER_SHUTDOWN_GRACE = Duration.ofSeconds(30);

    private final Path clusterDirectory;
    private final DirectoryLock lock;
    private EmbeddedPostgres postgres;
    private int port;
    private boolean closed;

    private EmbeddedPostgresServer(Path clusterDirectory, DirectoryLock lock) {
        this.clusterDirectory = clusterDirectory;
        this.lock = lock;
    }

    /**
     * Starts PostgreSQL on {@code port} (0 = a free port) with its data under {@code dataDirectory}, initialising
     * the cluster on first use and reusing it afterwards.
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        Path directory = dataDirectory.toAbsolutePath();
        EmbeddedPostgresServer server =
                new EmbeddedPostgresServer(directory.resolve("pgdata"), DirectoryLock.acquire(directory));
        if (!StopOnExit.register(server)) {
            server.close();
            throw new IllegalStateException("The JVM is shutting down; not starting PostgreSQL");
        }
        try {
            server.startServer(directory.resolve("postgres.log"), port);
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    // Synchronized with close(): a shutdown hook that runs mid-start waits for the daemon to be up, then stops it.
    private synchronized void startServer(Path logFile, int requestedPort) {
        if (closed) {
            throw new IllegalStateException("Closed before PostgreSQL started (the JVM is shutting down)");
        }
        long startedAt = System.nanoTime();
        try {
            Files.createDirectories(clusterDirectory);
            stopLeftoverPostmaster();
            if (requestedPort != 0) {
                ChildProcesses.requireFreePort(requestedPort, "PostgreSQL");
            }
            ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(clusterDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false) // StopOnExit stops us, in order with what depends on us
                    .setPort(requestedPort)
                    .setPGStartupWait(STARTUP_TIMEOUT)
                    .setServerConfig("listen_addresses", HOST)
                    // PostgreSQL 17's built-in C.UTF-8: Unicode-aware upper/lower (ILIKE) and the same code-point
                    // ordering on every machine, whatever its OS locales.
                    .setLocaleConfig("locale-provider", "builtin")
                    .setLocaleConfig("builtin-locale", "C.UTF-8")
                    .setLocaleConfig("locale", "C")
                    .setOutputRedirector(log)
                    .setErrorRedirector(log)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL in " + clusterDirectory
                    + " (see " + logFile + ")", e);
        }
        port = postgres.getPort();
        LOG.log(Level.INFO, "PostgreSQL ready on " + HOST + ":" + port + " in "
                + Duration.ofNanos(System.nanoTime() - startedAt).toMillis() + " ms (data: " + clusterDirectory + ")");
    }

    /**
     * A postmaster of an earlier run that died without stopping it still holds the cluster; ours could not start.
     * (We hold the directory's lock, so no live process of ours uses that postmaster.)
     * PostgreSQL records its pid in postmaster.pid. SIGINT asks for a "fast" shutdown, which, unlike SIGTERM's
     * "smart" one, does not wait for clients that may be orphaned too.
     */
    private void stopLeftoverPostmaster() throws IOException {
        Path pidFile = clusterDirectory.resolve("postmaster.pid");
        Optional<ProcessHandle> leftover = ChildProcesses.leftoverProcess(ChildProcesses.readPid(pidFile), clusterDirectory.toString());
        if (leftover.isEmpty()) {
            return;
        }
        LOG.log(Level.WARNING, "Stopping PostgreSQL " + leftover.get().pid() + " left running on " + clusterDirectory);
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(leftover.get().pid())).inheritIO().start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ChildProcesses.awaitExitOrKill(leftover.get(), LEFTOVER_SHUTDOWN_GRACE);
    }

    public int port() {
        return port;
    }

    public String username() {
        return USERNAME;
    }

    public String password() {
        return PASSWORD;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://" + HOST + ":" + port + "/" + database;
    }

    public void createDatabaseIfMissing(String database) {
        PostgresDatabases.createIfMissing(jdbcUrl("postgres"), USERNAME, PASSWORD, database);
    }

    /** Stops the server (fast shutdown: open sessions are disconnected). The data stays. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        StopOnExit.unregister(this);
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not stop PostgreSQL on port " + port, e);
        } finally {
            postgres = null;
            lock.close();
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL on " + HOST + ":" + port;
    }
}
