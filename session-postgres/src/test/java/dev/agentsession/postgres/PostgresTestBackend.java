package dev.agentsession.postgres;

import dev.agentsession.SessionService;
import dev.agentsession.conformance.DumpRestore;
import dev.agentsession.conformance.ServerBackend;
import dev.agentsession.conformance.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/** How the server kits reach PostgreSQL: the test server, and the service's builder. */
interface PostgresTestBackend extends ServerBackend {

    /** @return the URL of a new, empty schema on the test server */
    static String freshStore() throws SQLException {
        return TestDatabase.POSTGRES.freshStoreUrl(Container::start);
    }

    /** Names the schemas that dumps are restored into. */
    AtomicInteger DUMPS = new AtomicInteger();

    /**
     * Restores a {@code pg_dump} of schema {@code agentsession_v2fixture} into a new schema with
     * {@code psql}.
     *
     * @param resource the dump, a class-path resource
     * @return the JDBC URL of the restored store
     */
    static String restoreDump(String resource) throws Exception {
        String server = TestDatabase.POSTGRES.serverUrl(Container::start);
        String schema = "agentsession_t_" + ProcessHandle.current().pid() + "_dump_" + DUMPS.incrementAndGet();
        DumpRestore.Server target = DumpRestore.Server.of(server, 5432);
        List<String> command = new ArrayList<>(List.of("psql", "-v", "ON_ERROR_STOP=1", "-q", "-h", target.host(),
                "-p", String.valueOf(target.port()), "-d", target.database()));
        if (target.user() != null) {
            command.addAll(List.of("-U", target.user()));
        }
        DumpRestore.run(command, DumpRestore.text(resource, PostgresTestBackend.class)
                .replace("agentsession_v2fixture", schema),
                target.password() == null ? Map.of() : Map.of("PGPASSWORD", target.password()));
        return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    default TestDatabase testDatabase() {
        return TestDatabase.POSTGRES;
    }

    @Override
    default SessionService open(String url, boolean migrate, Duration connectionTimeout) {
        return PostgresSessionService.builder().url(url).migrate(migrate).connectionTimeout(connectionTimeout).build();
    }

    @Override
    default SessionService open(DataSource pool) {
        return PostgresSessionService.builder().dataSource(pool).build();
    }

    @Override
    default String startContainer() {
        return Container.start();
    }

    /** One PostgreSQL container per JVM, started only when nothing else is there to test against. */
    final class Container {
        private static PostgreSQLContainer<?> running;

        private Container() {
        }

        static synchronized String start() {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                return null;
            }
            if (running == null) {
                running = new PostgreSQLContainer<>("postgres:16.4-alpine");
                running.start();
            }
            return running.getJdbcUrl() + "&user=" + running.getUsername() + "&password=" + running.getPassword();
        }
    }
}
