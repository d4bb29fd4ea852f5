package dev.agentsession.mysql;

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
import org.testcontainers.containers.MySQLContainer;

/** How the server kits reach MySQL or MariaDB: the test server, and the service's builder. */
interface MysqlTestBackend extends ServerBackend {

    /** @return the URL of a new, empty database on the test server */
    static String freshStore() throws SQLException {
        return TestDatabase.MYSQL.freshStoreUrl(Container::start);
    }

    /** @return the URL the MariaDB driver on the test classpath accepts for {@code url} */
    static String plainJdbcUrl(String url) {
        return TestDatabase.MYSQL.plainJdbcUrl(url);
    }

    /** Names the databases that dumps are restored into. */
    AtomicInteger DUMPS = new AtomicInteger();

    /**
     * Restores a {@code mariadb-dump} of one database into a new database with the {@code mariadb}
     * client.
     *
     * @param resource the dump, a class-path resource
     * @return the JDBC URL of the restored store
     */
    static String restoreDump(String resource) throws Exception {
        String url = TestDatabase.MYSQL.namedStoreUrl("agentsession_t_" + ProcessHandle.current().pid() + "_dump_"
                + DUMPS.incrementAndGet());
        DumpRestore.Server target = DumpRestore.Server.of(plainJdbcUrl(url), 3306);
        List<String> command = new ArrayList<>(List.of("mariadb", "--protocol=tcp", "-h", target.host(),
                "-P", String.valueOf(target.port())));
        if (target.user() != null) {
            command.add("-u" + target.user());
        }
        command.add(target.database());
        DumpRestore.run(command, DumpRestore.text(resource, MysqlTestBackend.class),
                target.password() == null ? Map.of() : Map.of("MYSQL_PWD", target.password()));
        return plainJdbcUrl(url);
    }

    @Override
    default TestDatabase testDatabase() {
        return TestDatabase.MYSQL;
    }

    @Override
    default SessionService open(String url, boolean migrate, Duration connectionTimeout) {
        return MysqlSessionService.builder().url(url).migrate(migrate).connectionTimeout(connectionTimeout).build();
    }

    @Override
    default SessionService open(DataSource pool) {
        return MysqlSessionService.builder().dataSource(pool).build();
    }

    @Override
    default String startContainer() {
        return Container.start();
    }

    /** One MySQL container per JVM, started only when nothing else is there to test against. */
    final class Container {
        private static MySQLContainer<?> running;

        private Container() {
        }

        static synchronized String start() {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                return null;
            }
            if (running == null) {
                running = new MySQLContainer<>("mysql:8.4.3").withUsername("root").withPassword("test");
                running.start();
            }
            return running.getJdbcUrl() + "?user=root&password=test&allowPublicKeyRetrieval=true";
        }
    }
}
