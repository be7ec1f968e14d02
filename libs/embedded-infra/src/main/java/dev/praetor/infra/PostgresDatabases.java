package dev.praetor.infra;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;
import org.postgresql.Driver;

/** Creates databases on any PostgreSQL server, embedded or external. */
final class PostgresDatabases {

    /** CREATE DATABASE takes no bind parameters, so names are restricted to plain identifiers instead. */
    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final String DUPLICATE_DATABASE = "42P04";

    private PostgresDatabases() {
    }

    /**
     * Creates {@code database} unless it exists, connecting through the maintenance database {@code postgres}
     * at {@code maintenanceJdbcUrl}.
     */
    static void createIfMissing(String maintenanceJdbcUrl, String username, String password, String database) {
        if (!PLAIN_IDENTIFIER.matcher(database).matches()) {
            throw new IllegalArgumentException("Not a plain database name (letters, digits, _): " + database);
        }
        try (Connection connection = connect(maintenanceJdbcUrl, username, password)) {
            if (exists(connection, database)) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE \"" + database + "\"");
            } catch (SQLException e) {
                // Someone else created it between our check and our CREATE.
                if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + " via " + maintenanceJdbcUrl, e);
        }
    }

    /**
     * Opens a connection with the driver directly: DriverManager only hands out drivers visible from the caller's
     * class loader, which breaks under the class loaders of Quarkus tests.
     */
    static Connection connect(String jdbcUrl, String username, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        Connection connection = new Driver().connect(jdbcUrl, properties);
        if (connection == null) {
            throw new SQLException("Not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        return connection;
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}
