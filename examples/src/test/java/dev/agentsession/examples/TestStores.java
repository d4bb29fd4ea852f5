package dev.agentsession.examples;

import dev.agentsession.conformance.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** URLs of empty stores on the test servers, for the examples' tests. */
final class TestStores {

    private TestStores() {
    }

    /** An empty schema on the PostgreSQL test server. */
    static String postgres(String schema) throws SQLException {
        String server = TestServer.locate("postgres", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres", () -> null);
        try (Connection connection = DriverManager.getConnection(server);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            statement.execute("CREATE SCHEMA " + schema);
        }
        return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** An empty database on the MariaDB/MySQL test server. */
    static String mariadb(String database) throws SQLException {
        String server = TestServer.locate("mysql", "jdbc:mariadb://127.0.0.1:3306/test?user=root", () -> null);
        try (Connection connection = DriverManager.getConnection(server);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database);
        }
        return server.replaceFirst("(//[^/?]+)/[^?]*", "$1/" + database);
    }
}
