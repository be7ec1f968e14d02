package dev.praetor.infra;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) running Apache Kafka's own broker in
 * a child JVM, on loopback.
 *
 * <p>The broker runs out of process because its Kafka classes are newer than the kafka-clients of the Quarkus BOM;
 * its classpath comes from the {@code kafka-broker} module. Layout of {@code dataDirectory}: {@code kraft/} the
 * logs (topic data and cluster metadata), {@code server.properties}, {@code broker.log} the broker's output (appended
 * across restarts), {@code broker.pid}.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EmbeddedKafkaBroker.class.getName());
    private static final String CLASSPATH_RESOURCE = "dev/praetor/infra/kafka-broker.classpath";
    private static final String HOST = "127.0.0.1";
    private static final int DEFAULT_PARTITIONS = 3;
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final int LOG_TAIL_LINES = 40;

    private final Path dataDirectory;
    private final Path kraftDirectory;
    private final Path propertiesFile;
    private final Path logFile;
    private final Path pidFile;
    private final int port;
    private final int controllerPort;
    private final String classpath;
    private final DirectoryLock lock;

    private Process process;
    private boolean closed;

    private EmbeddedKafkaBroker(Path dataDirectory, int port, int controllerPort, String classpath,
            DirectoryLock lock) {
        this.dataDirectory = dataDirectory;
        this.kraftDirectory = dataDirectory.resolve("kraft");
        this.propertiesFile = dataDirectory.resolve("server.properties");
        this.logFile = dataDirectory.resolve("broker.log");
        this.pidFile = dataDirectory.resolve("broker.pid");
        this.port = port;
        this.controllerPort = controllerPort;
        this.classpath = classpath;
        this.lock = lock;
    }

    /**
     * Starts a broker listening on {@code port} (0 = a free port) with its data under {@code dataDirectory}
     * (formatted on first use, reused afterwards) and waits until it serves requests.
     */
    public static EmbeddedKafkaBroker start(Path dataDirectory, int port) {
        long startedAt = System.nanoTime();
        Path directory = dataDirectory.toAbsolutePath();
        String classpath = readBrokerClasspath();
        int brokerPort = port == 0 ? ChildProcesses.freePort() : port;
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(
                directory, brokerPort, freePortOtherThan(brokerPort), classpath, DirectoryLock.acquire(directory));
        if (!StopOnExit.register(broker)) {
            broker.close();
            throw new IllegalStateException("The JVM is shutting down; not starting Kafka");
        }
        try {
            // We hold the directory's lock, so a broker recorded in the pid file has lost its parent.
            ChildProcesses.stopLeftover(broker.pidFile, broker.ownerMarker(), STOP_GRACE);
            broker.writeProperties();
            broker.formatStorageIfNeeded();
            broker.awaitReady(broker.launch());
        } catch (IOException e) {
            broker.close();
            throw new UncheckedIOException("Could not start Kafka in " + directory, e);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        LOG.log(Level.INFO, "Kafka ready on " + broker.bootstrapServers() + " in "
                + Duration.ofNanos(System.nanoTime() - startedAt).toMillis() + " ms (data: " + directory + ")");
        return broker;
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** Stops the broker process (SIGTERM, then SIGKILL after a grace period). Ports and data are kept. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        ChildProcesses.terminate(process.toHandle(), STOP_GRACE);
        process = null;
        ChildProcesses.deletePidFile(pidFile);
    }

    /** Starts the stopped broker again on the same ports and data, and waits until it serves requests. */
    public void restart() {
        long startedAt = System.nanoTime();
        Launch launch;
        synchronized (this) {
            if (isRunning()) {
                throw new IllegalStateException("The broker is already running on " + bootstrapServers());
            }
            try {
                launch = launch();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not restart Kafka in " + dataDirectory, e);
            }
        }
        awaitReady(launch);
        LOG.log(Level.INFO, "Kafka restarted on " + bootstrapServers() + " in "
                + Duration.ofNanos(System.nanoTime() - startedAt).toMillis() + " ms");
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Creates the topics that do not exist yet, {@value #DEFAULT_PARTITIONS} partitions, replication factor 1;
     * {@code true} means log compaction ({@code cleanup.policy=compact}). Existing topics are left as they are.
     */
    public void createTopics(Map<String, Boolean> topicsCompacted) {
        createTopics(topicsCompacted, DEFAULT_PARTITIONS);
    }

    /** As {@link #createTopics(Map)}, with {@code partitions} partitions per new topic. */
    public void createTopics(Map<String, Boolean> topicsCompacted, int partitions) {
        KafkaTopics.createIfMissing(bootstrapServers(), topicsCompacted, partitions);
    }

    /** Stops the broker for good. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        StopOnExit.unregister(this);
        stop();
        lock.close();
    }

    @Override
    public String toString() {
        return "Kafka on " + bootstrapServers();
    }

    private void writeProperties() throws IOException {
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                // Static voters (no dynamic quorum): the controller port may change from one run to the next.
                "controller.quorum.voters=1@" + HOST + ":" + controllerPort,
                "listeners=PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort,
                "advertised.listeners=PLAINTEXT://" + HOST + ":" + port,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + kraftDirectory,
                "num.partitions=" + DEFAULT_PARTITIONS,
                "auto.create.topics.enable=true",
                "group.initial.rebalance.delay.ms=0",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                // Internal topics default to 50 partitions: slow to create on first use, pointless on one node.
                "offsets.topic.num.partitions=5",
                "transaction.state.log.num.partitions=5",
                // The log cleaner reserves 128 MB of heap by default; compacted topics here are small.
                "log.cleaner.dedupe.buffer.size=16777216",
                // Records up to libs/events WireFormat.MAX_RECORD_BYTES (16 MiB) on every topic, however it was made.
                "message.max.bytes=16777216",
                "replica.fetch.max.bytes=16777216",
                "");
        Files.writeString(propertiesFile, properties);
    }

    private void formatStorageIfNeeded() throws IOException {
        if (Files.exists(kraftDirectory.resolve("meta.properties"))) {
            return;
        }
        long logOffset = ChildProcesses.sizeOf(logFile);
        List<String> command = javaCommand("kafka.tools.StorageTool",
                "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", propertiesFile.toString());
        // A short-lived tool: C1 only starts faster.
        command.add(2, "-XX:TieredStopAtLevel=1");
        Process format = new ProcessBuilder(command)
                .directory(dataDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        try {
            if (!format.waitFor(FORMAT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                format.destroyForcibly();
                throw failure("Formatting Kafka storage timed out", logOffset);
            }
        } catch (InterruptedException e) {
            format.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while formatting Kafka storage", e);
        }
        if (format.exitValue() != 0) {
            throw failure("Formatting Kafka storage failed with exit code " + format.exitValue(), logOffset);
        }
    }

    /** A started broker process, and where its output starts in the (appended) log file. */
    private record Launch(Process process, long logOffset) {
    }

    private synchronized Launch launch() throws IOException {
        if (closed) {
            throw new IllegalStateException("This broker is closed (or the JVM is shutting down)");
        }
        ChildProcesses.requireFreePort(port, "Kafka");
        ChildProcesses.requireFreePort(controllerPort, "the Kafka controller");
        long logOffset = ChildProcesses.sizeOf(logFile);
        process = ChildProcesses.launch(javaCommand("kafka.Kafka", propertiesFile.toString()),
                dataDirectory, logFile, true, pidFile);
        return new Launch(process, logOffset);
    }

    /**
     * A JVM option naming our data directory, first on the broker's command line: it identifies a leftover broker,
     * and the JDK reads only the first 4 KB of a process's command line (the classpath is longer).
     */
    private String ownerMarker() {
        return "-Dpraetor.kafka.data-directory=" + dataDirectory;
    }

    private List<String> javaCommand(String mainClass, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                ChildProcesses.javaExecutable(),
                ownerMarker(),
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError",
                "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS",
                "-cp", classpath,
                mainClass));
        command.addAll(Arrays.asList(arguments));
        return command;
    }

    /**
     * Waits until the broker answers a describeCluster request. Not synchronized, so that close() from a shutdown
     * hook can stop the process meanwhile; this then fails fast.
     */
    private void awaitReady(Launch launch) {
        Process launched = launch.process();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Admin admin = null;
        try {
            while (System.nanoTime() < deadline) {
                if (!launched.isAlive()) {
                    throw failure("The Kafka broker exited with code " + launched.exitValue(), launch.logOffset());
                }
                // Only create the admin client once the port is open: it logs every refused connection.
                if (admin == null && acceptsConnections()) {
                    admin = KafkaTopics.admin(bootstrapServers(), Duration.ofSeconds(5));
                }
                if (admin != null && hasNodes(admin)) {
                    return;
                }
                sleep(POLL_INTERVAL);
            }
            throw failure("The Kafka broker was not ready within " + READY_TIMEOUT.toSeconds() + " s", launch.logOffset());
        } finally {
            if (admin != null) {
                admin.close(Duration.ZERO);
            }
        }
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean hasNodes(Admin admin) {
        try {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                    .nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        }
    }

    private IllegalStateException failure(String message, long logOffset) {
        return new IllegalStateException(message + "; last lines of " + logFile + ":" + System.lineSeparator()
                + ChildProcesses.tail(logFile, logOffset, LOG_TAIL_LINES));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        }
    }

    private static int freePortOtherThan(int taken) {
        int candidate;
        do {
            candidate = ChildProcesses.freePort();
        } while (candidate == taken);
        return candidate;
    }

    /** The broker's classpath, recorded by the kafka-broker module at build time. */
    private static String readBrokerClasspath() {
        try (InputStream resource = EmbeddedKafkaBroker.class.getClassLoader().getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (resource == null) {
                throw new IllegalStateException("Resource " + CLASSPATH_RESOURCE
                        + " not found: is dev.praetor:kafka-broker on the classpath?");
            }
            String classpath = new String(resource.readAllBytes(), StandardCharsets.UTF_8).trim();
            List<String> missing = Arrays.stream(classpath.split(File.pathSeparator))
                    .filter(entry -> !Files.exists(Path.of(entry)))
                    .toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("Kafka broker jars are missing (was the local Maven repository"
                        + " cleaned? rebuild libs/kafka-broker): " + missing);
            }
            return classpath;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + CLASSPATH_RESOURCE, e);
        }
    }
}
