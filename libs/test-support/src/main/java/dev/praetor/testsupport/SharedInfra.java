package dev.praetor.testsupport;

import dev.praetor.infra.EmbeddedKafkaBroker;
import dev.praetor.infra.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.ReflectionException;
import javax.management.RuntimeMBeanException;
import org.postgresql.Driver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One PostgreSQL server and one Kafka broker shared by all tests of a JVM, started on first use and stopped when the
 * JVM exits. Where a Docker engine is available they are Testcontainers (postgres:17-alpine, apache/kafka:4.1.0);
 * elsewhere the embedded ones of {@code embedded-infra}, with their data in a temporary directory deleted at exit.
 * The choice is made once per JVM.
 *
 * <p>Once per JVM, not once per class loader: Quarkus loads this class anew for every test application (each set
 * of test resources or profile), so a static field would start the servers again for each. The servers are
 * therefore published as an MBean in the platform MBean server, which all class loaders share, and each class
 * loader's {@code SharedInfra} talks to them through it, with JDK types only.
 */
public final class SharedInfra {

    private static final System.Logger LOG = System.getLogger(SharedInfra.class.getName());
    private static final String POSTGRES_IMAGE = "postgres:17-alpine";
    private static final String KAFKA_IMAGE = "apache/kafka:4.1.0";
    private static final String USERNAME = "postgres";
    private static final String PASSWORD = "postgres";
    private static final ObjectName MBEAN_NAME = mbeanName();

    private static SharedInfra instance;

    private final MBeanServer mbeanServer;
    private final String postgresHostAndPort;
    private final String kafkaBootstrapServers;

    private SharedInfra(MBeanServer mbeanServer) {
        this.mbeanServer = mbeanServer;
        this.postgresHostAndPort = (String) attribute(Exported.POSTGRES_HOST_AND_PORT);
        this.kafkaBootstrapServers = (String) attribute(Exported.KAFKA_BOOTSTRAP_SERVERS);
    }

    /** The JVM's shared infrastructure, started by the first call in any class loader. */
    public static synchronized SharedInfra get() {
        if (instance == null) {
            MBeanServer mbeanServer = ManagementFactory.getPlatformMBeanServer();
            synchronized (mbeanServer) { // the one lock that every class loader sees
                if (!mbeanServer.isRegistered(MBEAN_NAME)) {
                    startAndExport(mbeanServer);
                }
            }
            instance = new SharedInfra(mbeanServer);
        }
        return instance;
    }

    private static void startAndExport(MBeanServer mbeanServer) {
        long startedAt = System.nanoTime();
        Backend backend = DockerClientFactory.instance().isDockerAvailable() ? new Containers() : new Embedded();
        Runtime.getRuntime().addShutdownHook(new Thread(backend::stop, "praetor-shared-infra-stop"));
        try {
            mbeanServer.registerMBean(new Exported(backend), MBEAN_NAME);
        } catch (JMException e) {
            throw new IllegalStateException("Could not publish the shared test infrastructure", e);
        }
        LOG.log(Level.INFO, "Shared test infrastructure (" + backend + ") ready in "
                + (System.nanoTime() - startedAt) / 1_000_000 + " ms: PostgreSQL " + backend.postgresHostAndPort()
                + ", Kafka " + backend.kafkaBootstrapServers());
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgresHostAndPort + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://" + postgresHostAndPort + "/" + database;
    }

    public String username() {
        return USERNAME;
    }

    public String password() {
        return PASSWORD;
    }

    public void createDatabaseIfMissing(String database) {
        invoke(Exported.CREATE_DATABASE_IF_MISSING, database);
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** Takes Kafka away, keeping its address and data, for outage tests; {@link #startKafka()} brings it back. */
    public void stopKafka() {
        invoke(Exported.STOP_KAFKA);
    }

    /** Brings Kafka back on the same address after {@link #stopKafka()}; returns once it serves requests. */
    public void startKafka() {
        invoke(Exported.START_KAFKA);
    }

    private Object attribute(String name) {
        try {
            return mbeanServer.getAttribute(MBEAN_NAME, name);
        } catch (JMException e) {
            throw new IllegalStateException("Could not read " + name + " of the shared test infrastructure", e);
        }
    }

    private void invoke(String operation, String... arguments) {
        String[] signature = new String[arguments.length];
        Arrays.fill(signature, String.class.getName());
        try {
            mbeanServer.invoke(MBEAN_NAME, operation, arguments, signature);
        } catch (RuntimeMBeanException e) {
            throw e.getTargetException();
        } catch (MBeanException e) {
            throw new IllegalStateException(operation + " failed", e.getTargetException());
        } catch (JMException e) {
            throw new IllegalStateException("Could not call " + operation + " on the shared test infrastructure", e);
        }
    }

    private static ObjectName mbeanName() {
        try {
            return new ObjectName("dev.praetor.testsupport:type=SharedInfra");
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The started servers as an MBean: attributes and operations with JDK types only, callable from any loader. */
    private static final class Exported implements DynamicMBean {

        static final String POSTGRES_HOST_AND_PORT = "PostgresHostAndPort";
        static final String KAFKA_BOOTSTRAP_SERVERS = "KafkaBootstrapServers";
        static final String CREATE_DATABASE_IF_MISSING = "createDatabaseIfMissing";
        static final String STOP_KAFKA = "stopKafka";
        static final String START_KAFKA = "startKafka";

        private final Backend backend;

        Exported(Backend backend) {
            this.backend = backend;
        }

        @Override
        public Object getAttribute(String attribute) throws AttributeNotFoundException {
            return switch (attribute) {
                case POSTGRES_HOST_AND_PORT -> backend.postgresHostAndPort();
                case KAFKA_BOOTSTRAP_SERVERS -> backend.kafkaBootstrapServers();
                default -> throw new AttributeNotFoundException(attribute);
            };
        }

        /**
         * Runs the operation with the backend's own class loader as context: Kafka's clients inside the backend load
         * their plug-ins (JmxReporter, ...) through the context class loader, and a caller from another Quarkus
         * application than the one that started the backend would hand them its own copies of Kafka's classes, which
         * the backend's Kafka rejects (ClassCastException).
         */
        @Override
        public Object invoke(String operation, Object[] params, String[] signature) throws ReflectionException {
            Thread thread = Thread.currentThread();
            ClassLoader callers = thread.getContextClassLoader();
            thread.setContextClassLoader(Exported.class.getClassLoader());
            try {
                switch (operation) {
                    case CREATE_DATABASE_IF_MISSING -> backend.createDatabaseIfMissing((String) params[0]);
                    case STOP_KAFKA -> backend.stopKafka();
                    case START_KAFKA -> backend.startKafka();
                    default -> throw new ReflectionException(new NoSuchMethodException(operation));
                }
            } finally {
                thread.setContextClassLoader(callers);
            }
            return null;
        }

        @Override
        public AttributeList getAttributes(String[] attributes) {
            AttributeList values = new AttributeList();
            for (String attribute : attributes) {
                try {
                    values.add(new Attribute(attribute, getAttribute(attribute)));
                } catch (AttributeNotFoundException e) {
                    // JMX semantics: unknown attributes are left out
                }
            }
            return values;
        }

        @Override
        public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
            throw new AttributeNotFoundException(attribute.getName() + " is read-only");
        }

        @Override
        public AttributeList setAttributes(AttributeList attributes) {
            return new AttributeList();
        }

        @Override
        public MBeanInfo getMBeanInfo() {
            MBeanAttributeInfo[] attributes = {
                    new MBeanAttributeInfo(POSTGRES_HOST_AND_PORT, "java.lang.String", "PostgreSQL host:port",
                            true, false, false),
                    new MBeanAttributeInfo(KAFKA_BOOTSTRAP_SERVERS, "java.lang.String", "Kafka bootstrap servers",
                            true, false, false)};
            MBeanOperationInfo[] operations = {
                    new MBeanOperationInfo(CREATE_DATABASE_IF_MISSING, "Creates a database unless it exists",
                            new MBeanParameterInfo[] {
                                    new MBeanParameterInfo("database", "java.lang.String", "database name")},
                            "void", MBeanOperationInfo.ACTION),
                    new MBeanOperationInfo(STOP_KAFKA, "Stops Kafka, keeping address and data",
                            new MBeanParameterInfo[0], "void", MBeanOperationInfo.ACTION),
                    new MBeanOperationInfo(START_KAFKA, "Starts Kafka again",
                            new MBeanParameterInfo[0], "void", MBeanOperationInfo.ACTION)};
            return new MBeanInfo(Exported.class.getName(), "Praetor shared test infrastructure",
                    attributes, null, operations, null);
        }
    }

    private interface Backend {
        String postgresHostAndPort();

        void createDatabaseIfMissing(String database);

        String kafkaBootstrapServers();

        void stopKafka();

        void startKafka();

        void stop();
    }

    /** The embedded servers, data in a temporary directory. */
    private static final class Embedded implements Backend {

        private final Path dataDirectory;
        private final EmbeddedPostgresServer postgres;
        private final EmbeddedKafkaBroker kafka;

        Embedded() {
            try {
                dataDirectory = Files.createTempDirectory("praetor-test-infra");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // In parallel: each takes a few seconds.
            CompletableFuture<EmbeddedKafkaBroker> startingKafka = CompletableFuture.supplyAsync(
                    () -> EmbeddedKafkaBroker.start(dataDirectory.resolve("kafka"), 0));
            postgres = EmbeddedPostgresServer.start(dataDirectory.resolve("postgres"), 0);
            try {
                kafka = startingKafka.join();
            } catch (CompletionException e) {
                postgres.close();
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }

        @Override
        public String postgresHostAndPort() {
            return "127.0.0.1:" + postgres.port();
        }

        @Override
        public void createDatabaseIfMissing(String database) {
            postgres.createDatabaseIfMissing(database);
        }

        @Override
        public String kafkaBootstrapServers() {
            return kafka.bootstrapServers();
        }

        @Override
        public void stopKafka() {
            kafka.stop();
        }

        @Override
        public void startKafka() {
            kafka.restart();
        }

        @Override
        public void stop() {
            kafka.close();
            postgres.close();
            deleteRecursively(dataDirectory);
        }

        @Override
        public String toString() {
            return "embedded, data in " + dataDirectory;
        }
    }

    /** Docker containers; Kafka is paused rather than stopped so that its mapped port survives an outage test. */
    private static final class Containers implements Backend {

        private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

        private final PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withUsername(USERNAME)
                .withPassword(PASSWORD);
        private final KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);

        Containers() {
            Startables.deepStart(postgres, kafka).join();
        }

        @Override
        public String postgresHostAndPort() {
            return postgres.getHost() + ":" + postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
        }

        @Override
        public void createDatabaseIfMissing(String database) {
            if (!PLAIN_IDENTIFIER.matcher(database).matches()) {
                throw new IllegalArgumentException("Not a plain database name (letters, digits, _): " + database);
            }
            try (Connection connection = connectToMaintenanceDatabase();
                    PreparedStatement exists = connection.prepareStatement(
                            "SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                try (ResultSet rows = exists.executeQuery(); Statement create = connection.createStatement()) {
                    if (!rows.next()) {
                        create.execute("CREATE DATABASE \"" + database + "\"");
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Could not create database " + database, e);
            }
        }

        /** With the driver directly: DriverManager may not see it from the class loaders of Quarkus tests. */
        private Connection connectToMaintenanceDatabase() throws SQLException {
            Properties credentials = new Properties();
            credentials.setProperty("user", USERNAME);
            credentials.setProperty("password", PASSWORD);
            return new Driver().connect("jdbc:postgresql://" + postgresHostAndPort() + "/postgres", credentials);
        }

        @Override
        public String kafkaBootstrapServers() {
            return kafka.getBootstrapServers();
        }

        @Override
        public void stopKafka() {
            DockerClientFactory.instance().client().pauseContainerCmd(kafka.getContainerId()).exec();
        }

        @Override
        public void startKafka() {
            DockerClientFactory.instance().client().unpauseContainerCmd(kafka.getContainerId()).exec();
        }

        @Override
        public void stop() {
            kafka.stop();
            postgres.stop();
        }

        @Override
        public String toString() {
            return "Testcontainers " + POSTGRES_IMAGE + ", " + KAFKA_IMAGE;
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not delete " + directory, e);
        }
    }
}
