package dev.agentsession.mysql;

import dev.agentsession.conformance.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MySQLContainer;

/**
 * The MySQL or MariaDB server the tests use (see {@link TestServer} for where it comes from), and
 * a fresh, empty database in it for each store a test opens.
 */
final class MysqlTestDatabase {

    static final String LOCAL_URL = "jdbc:mariadb://127.0.0.1:3306/test?user=root";
    private static final String IMAGE = "mysql:8.4.3";
    private static final String PREFIX = "agentsession_t_";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final AtomicBoolean SWEPT = new AtomicBoolean();
    private static MySQLContainer<?> container;

    private MysqlTestDatabase() {
    }

    /** @return the server's JDBC URL, with credentials; skips or fails the test if there is none */
    static String serverUrl() {
        return TestServer.locate("mysql", LOCAL_URL, MysqlTestDatabase::startContainer);
    }

    /** @return the URL of a new, empty database on the test server */
    static String freshDatabaseUrl() throws SQLException {
        String server = serverUrl();
        String database = PREFIX + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(mariadb(server));
             Statement statement = connection.createStatement()) {
            if (SWEPT.compareAndSet(false, true)) {
                List<String> old = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("SELECT schema_name FROM information_schema.schemata"
                        + " WHERE schema_name LIKE '" + PREFIX.replace("_", "\\_") + "%'")) {
                    while (rows.next()) {
                        old.add(rows.getString(1));
                    }
                }
                for (String name : old) {
                    statement.execute("DROP DATABASE `" + name + "`");
                }
            }
            statement.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
        return withDatabase(server, database);
    }

    /** The same server URL naming another database. */
    static String withDatabase(String serverUrl, String database) {
        int hostStart = serverUrl.indexOf("//") + 2;
        int pathStart = serverUrl.indexOf('/', hostStart);
        int query = serverUrl.indexOf('?', hostStart);
        String hostPart = serverUrl.substring(0, pathStart < 0 || (query >= 0 && query < pathStart)
                ? (query < 0 ? serverUrl.length() : query) : pathStart);
        String params = query < 0 ? "" : serverUrl.substring(query);
        return hostPart + "/" + database + params;
    }

    /** Plain JDBC here uses the MariaDB driver, which needs its own scheme. */
    static String mariadb(String url) {
        return url.startsWith("jdbc:mysql:") ? "jdbc:mariadb:" + url.substring("jdbc:mysql:".length()) : url;
    }

    private static synchronized String startContainer() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return null;
        }
        if (container == null) {
            container = new MySQLContainer<>(IMAGE).withUsername("root").withPassword("test");
            container.start();
        }
        return container.getJdbcUrl() + "?user=root&password=test&allowPublicKeyRetrieval=true";
    }
}
