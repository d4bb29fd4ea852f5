package dev.agentsession.conformance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A database server the tests run against (found by {@link TestServer}), and a fresh, empty store
 * on it for each test: a new schema on PostgreSQL, a new database on MySQL/MariaDB. Stores left by
 * earlier runs are dropped the first time a JVM asks for one.
 */
public enum TestDatabase {

    /** PostgreSQL: a store is a schema, named in the URL's {@code currentSchema}. */
    POSTGRES("postgres", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres", 5432,
            "Asia/Shanghai", "America/Los_Angeles", "SHOW TimeZone") {
        @Override
        List<String> leftovers(Statement statement) throws SQLException {
            return names(statement, "SELECT nspname FROM pg_namespace WHERE nspname LIKE '" + PREFIX + "%'");
        }

        @Override
        String drop(String name) {
            return "DROP SCHEMA IF EXISTS " + name + " CASCADE";
        }

        @Override
        String create(String name) {
            return "CREATE SCHEMA " + name;
        }

        @Override
        String urlOf(String serverUrl, String name) {
            return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + name;
        }

        @Override
        public String zoneSql(String zone) {
            return "SET TIME ZONE '" + zone + "'";
        }
    },

    /**
     * MySQL or MariaDB: a store is a database, named in the URL's path. MariaDB's time-zone
     * tables are not always loaded, so the zones are offsets.
     */
    MYSQL("mysql", "jdbc:mariadb://127.0.0.1:3306/test?user=root", 3306,
            "+08:00", "-08:00", "SELECT @@session.time_zone") {
        @Override
        List<String> leftovers(Statement statement) throws SQLException {
            return names(statement, "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE '"
                    + PREFIX.replace("_", "\\_") + "%'");
        }

        @Override
        String drop(String name) {
            return "DROP DATABASE IF EXISTS `" + name + "`";
        }

        @Override
        String create(String name) {
            return "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
        }

        @Override
        String urlOf(String serverUrl, String name) {
            return serverUrl.replaceFirst("(//[^/?]+)(/[^?]*)?", "$1/" + name);
        }

        @Override
        public String plainJdbcUrl(String url) {
            return url.startsWith("jdbc:mysql:") ? "jdbc:mariadb:" + url.substring("jdbc:mysql:".length()) : url;
        }

        @Override
        public String zoneSql(String zone) {
            return "SET time_zone = '" + zone + "'";
        }
    };

    private static final String PREFIX = "agentsession_t_";

    private final String name;
    private final String localUrl;
    private final int defaultPort;
    private final String eastZone;
    private final String westZone;
    private final String sessionZoneSql;
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicBoolean swept = new AtomicBoolean();

    TestDatabase(String name, String localUrl, int defaultPort, String eastZone, String westZone,
            String sessionZoneSql) {
        this.name = name;
        this.localUrl = localUrl;
        this.defaultPort = defaultPort;
        this.eastZone = eastZone;
        this.westZone = westZone;
        this.sessionZoneSql = sessionZoneSql;
    }

    abstract List<String> leftovers(Statement statement) throws SQLException;

    abstract String drop(String name);

    abstract String create(String name);

    abstract String urlOf(String serverUrl, String name);

    /**
     * @param container starts a Testcontainers container and returns its JDBC URL with
     *     credentials, or returns {@code null} without a Docker engine
     * @return the server's JDBC URL, with credentials; skips or fails the test if there is none
     */
    public String serverUrl(Supplier<String> container) {
        return TestServer.locate(name, localUrl, container);
    }

    /**
     * Makes a new, empty store on the server.
     *
     * @param container as for {@link #serverUrl}
     * @return its JDBC URL, with credentials
     * @throws SQLException if the server refuses
     */
    public String freshStoreUrl(Supplier<String> container) throws SQLException {
        return namedStoreUrl(container, PREFIX + ProcessHandle.current().pid() + "_" + created.incrementAndGet());
    }

    /**
     * Makes an empty store of a chosen name on the local or configured server (dropping one left
     * under that name), for tests that run a program against it twice.
     *
     * @param storeName the schema or database name
     * @return its JDBC URL, with credentials
     * @throws SQLException if the server refuses
     */
    public String namedStoreUrl(String storeName) throws SQLException {
        return namedStoreUrl(() -> null, storeName);
    }

    private String namedStoreUrl(Supplier<String> container, String storeName) throws SQLException {
        String server = serverUrl(container);
        try (Connection connection = DriverManager.getConnection(plainJdbcUrl(server));
             Statement statement = connection.createStatement()) {
            if (swept.compareAndSet(false, true)) {
                for (String old : leftovers(statement)) {
                    if (!ownerAlive(old, PREFIX)) {
                        statement.execute(drop(old));
                    }
                }
            }
            statement.execute(drop(storeName));
            statement.execute(create(storeName));
        }
        return urlOf(server, storeName);
    }

    /**
     * Whether the test JVM that made a store is still running: its name is the prefix, the JVM's
     * process id, then {@code _} and a number. Another JVM's stores are left alone while it runs
     * (two builds at once on one server); a name that does not parse counts as a leftover.
     *
     * @param name a schema or database name
     * @param prefix the prefix the names start with
     * @return whether a live process other than this one has that id
     */
    public static boolean ownerAlive(String name, String prefix) {
        String rest = name.substring(prefix.length());
        int end = rest.indexOf('_');
        try {
            long pid = Long.parseLong(end < 0 ? rest : rest.substring(0, end));
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * @param url a store URL
     * @return the URL the plain JDBC driver on the test classpath accepts for it
     */
    public String plainJdbcUrl(String url) {
        return url;
    }

    /** @return the port the server listens on where a URL names none */
    public int defaultPort() {
        return defaultPort;
    }

    /** @return a zone east of UTC as the server names it, standing for Asia/Shanghai */
    public String eastZone() {
        return eastZone;
    }

    /** @return a zone west of UTC as the server names it, standing for America/Los_Angeles */
    public String westZone() {
        return westZone;
    }

    /**
     * @param zone a zone as the server names it
     * @return the statement that makes a connection's session run in {@code zone}
     */
    public abstract String zoneSql(String zone);

    /** @return the query whose one value is the zone of the connection's session */
    public String sessionZoneSql() {
        return sessionZoneSql;
    }

    private static List<String> names(Statement statement, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
