package dev.agentsession.postgres;

import dev.agentsession.conformance.DumpRestore;
import dev.agentsession.conformance.TestDatabase;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server kits through PgBouncer in transaction pooling mode, in front of the test server:
 * each store is a database of its own (PgBouncer passes no {@code search_path} at connect, so
 * a schema per store is not an option), reached with {@code prepareThreshold=0} (PgBouncer 1.18
 * keeps no prepared statement across transactions).
 */
interface PgBouncerTestBackend extends PostgresTestBackend {

    @Override
    default String freshStoreUrl() throws SQLException {
        return Front.shared().freshDatabase();
    }

    /** One PgBouncer per test JVM, stopped when it ends. */
    final class Front {
        private static Front shared;
        private static final String PREFIX = "agentsession_b_";

        private final LocalPostgres local;
        private final int port;
        private final String server;
        private final AtomicInteger databases = new AtomicInteger();

        private Front(LocalPostgres local, int port, String server) {
            this.local = local;
            this.port = port;
            this.server = server;
        }

        static synchronized Front shared() throws SQLException {
            if (shared == null) {
                String server = TestDatabase.POSTGRES.serverUrl(() -> null);
                DumpRestore.Server target = DumpRestore.Server.of(server, 5432);
                dropLeftovers(server);
                try {
                    LocalPostgres local = LocalPostgres.create(true);
                    shared = new Front(local, local.pgBouncer(target.port()), server);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot start PgBouncer: " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while starting PgBouncer", e);
                }
                Front started = shared;
                Runtime.getRuntime().addShutdownHook(new Thread(started.local::close, "pgbouncer-stop"));
            }
            return shared;
        }

        /** Databases of test JVMs that have ended: their PgBouncer is gone, so they can be dropped. */
        private static void dropLeftovers(String server) throws SQLException {
            try (Connection connection = DriverManager.getConnection(server);
                 Statement statement = connection.createStatement()) {
                List<String> old = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '"
                        + PREFIX + "%'")) {
                    while (rows.next()) {
                        old.add(rows.getString(1));
                    }
                }
                for (String name : old) {
                    if (!TestDatabase.ownerAlive(name, PREFIX)) {
                        statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                    }
                }
            }
        }

        String freshDatabase() throws SQLException {
            String name = PREFIX + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
            try (Connection connection = DriverManager.getConnection(server);
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            }
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=postgres&prepareThreshold=0";
        }
    }
}
