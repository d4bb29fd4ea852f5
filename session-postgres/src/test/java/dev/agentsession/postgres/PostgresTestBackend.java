package dev.agentsession.postgres;

import dev.agentsession.SessionService;
import dev.agentsession.conformance.ServerBackend;
import dev.agentsession.conformance.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/** How the server kits reach PostgreSQL: the test server, and the service's builder. */
interface PostgresTestBackend extends ServerBackend {

    /** @return the URL of a new, empty schema on the test server */
    static String freshStore() throws SQLException {
        return TestDatabase.POSTGRES.freshStoreUrl(Container::start);
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
