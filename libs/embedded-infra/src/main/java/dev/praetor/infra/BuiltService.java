package dev.praetor.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A built Praetor service (its Quarkus fast-jar, {@code <module>/target/quarkus-app/quarkus-run.jar}) started as a
 * child JVM on a free loopback port, as the local stack starts it: for a service's integration tests that talk to a
 * real neighbour (e.g. deployments-service's tests against runs-service). The caller supplies the configuration
 * (datasource, Kafka, ...); the child logs to {@code <module>/target/built-service-<module>.log}.
 */
public final class BuiltService implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(BuiltService.class.getName());
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final String READINESS_PATH = "/q/health/ready";

    private final String module;
    private final Path jar;
    private final Map<String, String> properties;
    private final Path logFile;
    private final Path pidFile;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private ServiceProcess process;

    private BuiltService(String module, Path jar, Map<String, String> properties, Path logDirectory) {
        this.module = module;
        this.jar = jar;
        this.port = ChildProcesses.freePort();
        this.properties = new LinkedHashMap<>(properties);
        this.properties.put("quarkus.http.host", "127.0.0.1");
        this.properties.put("quarkus.http.port", Integer.toString(port));
        this.logFile = logDirectory.resolve("built-service-" + module + ".log");
        this.pidFile = logDirectory.resolve("built-service-" + module + ".pid");
    }

    /**
     * Starts {@code module} of the repository containing {@code from} (or one of its parents) with these
     * {@code -D} properties and waits until it is ready; fails with the tail of its log if it exits or does not
     * become ready. The module must have been built ({@code ./mvnw install} builds modules in the parent pom's order).
     */
    public static BuiltService start(Path from, String module, Map<String, String> properties) {
        Path moduleDirectory = moduleDirectory(from, module);
        Path jar = moduleDirectory.resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build " + module + " first (./mvnw -pl " + module
                    + " install -DskipTests)");
        }
        warnIfStale(moduleDirectory, jar);
        BuiltService service = new BuiltService(module, jar, properties, moduleDirectory.resolve("target"));
        // a JVM killed without its shutdown hooks may have left its child running
        ChildProcesses.stopLeftover(service.pidFile, jar.toString(), STOP_GRACE);
        StopOnExit.register(service);
        service.launch();
        return service;
    }

    /** A jar older than its module's sources runs yesterday's code: say so (the tests still run). */
    private static void warnIfStale(Path moduleDirectory, Path jar) {
        try (Stream<Path> sources = Files.walk(moduleDirectory.resolve("src/main"))) {
            long built = Files.getLastModifiedTime(jar).toMillis();
            sources.filter(Files::isRegularFile).filter(file -> modified(file) > built).findFirst().ifPresent(file ->
                    LOG.log(Level.WARNING, jar + " is older than " + file + ": rebuild "
                            + moduleDirectory.getFileName() + " to test against its current code"));
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Could not compare " + jar + " with its sources", e);
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static Path moduleDirectory(Path from, String module) {
        for (Path dir = from.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(module).resolve("pom.xml"))) {
                return dir.resolve(module);
            }
        }
        throw new IllegalStateException("No module " + module + " in " + from + " or its parents");
    }

    private void launch() {
        try {
            process = ServiceProcess.launch(module, jar, port, READINESS_PATH, properties, logFile, pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + module, e);
        }
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!process.isReady(http)) {
            if (process.hasExited() || System.nanoTime() > deadline) {
                String why = process.hasExited() ? " exited with code " + process.process().exitValue()
                        : " was not ready within " + READY_TIMEOUT.toSeconds() + " s";
                close();
                throw new IllegalStateException(module + why + "; last lines of " + logFile + ":"
                        + System.lineSeparator() + process.logTail());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("Interrupted while starting " + module, e);
            }
        }
    }

    /** Its base URL, {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Stops the child (an outage for the tests that need one); {@link #restart()} brings it back on the same port. */
    public synchronized void stop() {
        if (process != null && !process.hasExited()) {
            ChildProcesses.terminate(process.process().toHandle(), STOP_GRACE);
        }
    }

    public synchronized void restart() {
        stop();
        launch();
    }

    @Override
    public synchronized void close() {
        stop();
        ChildProcesses.deletePidFile(pidFile);
    }
}
