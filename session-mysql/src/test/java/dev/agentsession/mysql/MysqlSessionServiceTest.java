package dev.agentsession.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import dev.agentsession.SessionStoreException;
import dev.agentsession.conformance.TestDatabase;
import dev.agentsession.sql.SchemaCheck;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MySQL/MariaDB backend specifics")
class MysqlSessionServiceTest {

    private static String queryOne(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(MysqlTestBackend.plainJdbcUrl(url));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(MysqlTestBackend.plainJdbcUrl(url));
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String column(String url, String table, String column, String attribute) throws SQLException {
        return queryOne(url, "SELECT " + attribute + " FROM information_schema.columns WHERE table_schema = database()"
                + " AND table_name = '" + table + "' AND column_name = '" + column + "'");
    }

    @Test
    @DisplayName("the dialect follows the server, and the migrated schema matches the generated classes")
    void noDrift() throws Exception {
        String url = MysqlTestBackend.freshStore();
        try (MysqlSessionService store = MysqlSessionService.builder().url(url).build()) {
            String product = queryOne(url, "SELECT version()");
            assertThat(store.database().dialect().sqlDialect())
                    .isEqualTo(product.toLowerCase().contains("mariadb") ? SQLDialect.MARIADB : SQLDialect.MYSQL);
            assertThat(SchemaCheck.differences(store.database())).isEmpty();
        }
        assertThat(column(url, "events", "content", "data_type")).isEqualTo("longtext");
        assertThat(column(url, "sessions", "id", "collation_name")).isEqualTo("utf8mb4_bin");
        assertThat(column(url, "sessions", "app_name", "character_set_name")).isEqualTo("utf8mb4");
        execute(url, "ALTER TABLE events MODIFY content TEXT");
        try (MysqlSessionService store = MysqlSessionService.builder().url(url).build()) {
            assertThat(SchemaCheck.differences(store.database()))
                    .containsExactly("column events.content holds at most 65535 bytes, less than an event may carry"
                            + " (9437184); use a larger text type such as LONGTEXT");
        }
    }

    @Test
    @DisplayName("a jdbc:mysql: URL opens through the same driver")
    void mysqlScheme() throws Exception {
        String url = MysqlTestBackend.freshStore();
        String mysqlUrl = "jdbc:mysql:" + url.substring(url.indexOf("//"));
        try (SessionService store = MysqlSessionService.builder().url(mysqlUrl).build()) {
            Session session = store.create(CreateRequest.builder("app", "user", "agent").sessionId("ABC").build());
            store.create(CreateRequest.builder("app", "user", "agent").sessionId("abc").build());
            session.addEvent(AddEventOptions.of("user", "ünïcödé 😀"));
            assertThat(store.get(new GetRequest("app", "user", "ABC")).orElseThrow().events(EventsOptions.all()))
                    .extracting(Event::content).containsExactly("ünïcödé 😀");
        }
    }

    @Test
    @DisplayName("an event larger than the server's max_allowed_packet is refused before it is sent")
    void packetLimit() throws Exception {
        String url = MysqlTestBackend.freshStore();
        String original = queryOne(url, "SELECT @@global.max_allowed_packet");
        execute(url, "SET GLOBAL max_allowed_packet = " + 2 * 1024 * 1024);
        try (SessionService store = MysqlSessionService.builder().url(url).build()) {
            Session session = store.create(CreateRequest.of("app", "user", "agent"));
            session.addEvent(AddEventOptions.of("user", "x".repeat(1024 * 1024)));

            assertThatThrownBy(() -> session.addEvent(AddEventOptions.of("user", "y".repeat(3 * 1024 * 1024))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("content makes the event too large")
                    .hasMessageContaining("at most 2097152")
                    .hasMessageContaining("max_allowed_packet");
            assertThat(session.events(EventsOptions.all())).hasSize(1);
        } finally {
            execute(url, "SET GLOBAL max_allowed_packet = " + original);
        }
    }

    @Test
    @DisplayName("an unreachable server, a missing database and a wrong password fail with the cause and no password")
    void connectionFailures() throws Exception {
        String secret = "right-pa55-secret";
        String wrong = "wrong-pa55-secret";
        String server = TestDatabase.MYSQL.serverUrl(MysqlTestBackend.Container::start);
        execute(server, "CREATE USER IF NOT EXISTS 'agentsession_pw'@'%' IDENTIFIED BY '" + secret + "'");
        execute(server, "CREATE USER IF NOT EXISTS 'agentsession_pw'@'localhost' IDENTIFIED BY '" + secret + "'");
        List<String[]> cases = List.of(
                new String[] {"jdbc:mariadb://127.0.0.1:1/test", "root", wrong},
                new String[] {"jdbc:mariadb://127.0.0.1:3306/no_such_database_here", "root", ""},
                new String[] {"jdbc:mariadb://127.0.0.1:3306/test", "agentsession_pw", wrong},
                new String[] {"jdbc:mariadb://127.0.0.1:3306/test?password=" + wrong, "agentsession_pw", null});
        for (String[] attempt : cases) {
            assertThatThrownBy(() -> MysqlSessionService.builder().url(attempt[0]).user(attempt[1]).password(attempt[2])
                    .connectionTimeout(Duration.ofSeconds(2)).build())
                    .isInstanceOf(SessionStoreException.class)
                    .hasMessageStartingWith("cannot connect to MySQL/MariaDB at jdbc:mariadb://127.0.0.1:")
                    .satisfies(e -> {
                        assertThat(e.getCause()).isNotNull();
                        for (Throwable t = e; t != null; t = t.getCause()) {
                            assertThat(String.valueOf(t.getMessage())).doesNotContain(wrong).doesNotContain(secret);
                        }
                    });
        }
    }
}
