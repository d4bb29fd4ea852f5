package dev.agentsession.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.DeleteRequest;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionConflictException;
import dev.agentsession.SessionNotFoundException;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    @DisplayName("the servers page's example: a store on the caller's pool, which stays open")
    void serversPageExample() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(MysqlTestBackend.plainJdbcUrl(MysqlTestBackend.freshStore()));
        try (HikariDataSource myPool = new HikariDataSource(config)) {
            // tag::servers-page-mysql[]
            try (MysqlSessionService store = MysqlSessionService.builder().dataSource(myPool).build()) {
                Session session = store.create(CreateRequest.of("support-bot", "alice", "helper"));
                session.addEvent(AddEventOptions.of("user", "Where is my parcel?"));
                assertThat(session.events(EventsOptions.all())).hasSize(1); // not on the page
            }
            // end::servers-page-mysql[]
            assertThat(myPool.isClosed()).isFalse();
            try (Connection connection = myPool.getConnection(); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM events")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(1);
            }
        }
    }

    @Test
    @DisplayName("each append routine declares the event's columns in the order the store binds them")
    void routineParametersMatchTheColumns() throws Exception {
        String url = MysqlTestBackend.freshStore();
        try (SessionService store = MysqlSessionService.builder().url(url).build()) {
            for (String routine : List.of(RoutineAppender.ROUTINE, RoutineAppender.STATE_ROUTINE)) {
                assertThat(queryOne(url, "SELECT group_concat(parameter_name ORDER BY ordinal_position)"
                        + " FROM information_schema.parameters WHERE specific_schema = database()"
                        + " AND specific_name = '" + routine + "'"))
                        .as("parameters of " + routine)
                        .isEqualTo(String.join(",", RoutineAppender.parameters(routine)));
            }
        }
    }

    private static long callsOfProcedures(String url) throws SQLException {
        return Long.parseLong(queryOne(url, "SELECT variable_value FROM information_schema.global_status"
                + " WHERE variable_name = 'COM_CALL_PROCEDURE'"));
    }

    @Test
    @DisplayName("events are kept in sequence order (the clustered key), ids unique per session, appends one routine call")
    void eventsClusteredBySequence() throws Exception {
        String url = MysqlTestBackend.freshStore();
        try (SessionService store = MysqlSessionService.builder().url(url).build()) {
            assertThat(queryOne(url, "SELECT group_concat(column_name ORDER BY seq_in_index) FROM information_schema"
                    + ".statistics WHERE table_schema = database() AND table_name = 'events' AND index_name = 'PRIMARY'"))
                    .isEqualTo("session_pk,sequence");
            assertThat(queryOne(url, "SELECT group_concat(column_name ORDER BY seq_in_index) FROM information_schema"
                    + ".statistics WHERE table_schema = database() AND table_name = 'events'"
                    + " AND index_name = 'uk_events_session_id'")).isEqualTo("session_pk,id");

            Session session = store.create(CreateRequest.of("app", "user", "agent"));
            long callsBefore = callsOfProcedures(url);
            for (String id : List.of("zz", "aa", "mm")) {
                session.addEvent(AddEventOptions.builder("user").eventId(id).content("ünïcödé 😀 " + id).build());
            }
            assertThat(callsOfProcedures(url) - callsBefore).as("calls of the append routine").isGreaterThanOrEqualTo(3);
            assertThat(session.events(EventsOptions.all())).extracting(Event::id).containsExactly("zz", "aa", "mm");
            assertThat(session.events(EventsOptions.all())).extracting(Event::content)
                    .containsExactly("ünïcödé 😀 zz", "ünïcödé 😀 aa", "ünïcödé 😀 mm");
        }
    }

    /** Appends through a store and checks every guarantee an append makes. */
    private static void appendsKeepTheirGuarantees(SessionService store) {
        Session session = store.create(CreateRequest.of("app", "user", "agent"));
        Event first = session.addEvent(AddEventOptions.builder("user").eventId("e1").content("hello 😀").build());
        assertThat(first.sequence()).isEqualTo(1);
        assertThat(session.addEvent(AddEventOptions.builder("user").eventId("e1").content("hello 😀").build()))
                .as("the same id again returns the stored event").isEqualTo(first);
        assertThatThrownBy(() -> session.addEvent(AddEventOptions.builder("agent").content("late")
                .expectedLastSequence(0L).build())).isInstanceOf(SessionConflictException.class);
        Event second = session.addEvent(AddEventOptions.builder("agent").content("with state")
                .expectedLastSequence(1L).stateDelta(Map.of("step", 2L, "user:seen", true)).build());
        assertThat(second.sequence()).isEqualTo(2);
        Session read = store.get(new GetRequest("app", "user", session.id())).orElseThrow();
        assertThat(read.events(EventsOptions.all())).extracting(Event::content).containsExactly("hello 😀", "with state");
        assertThat(read.state()).isEqualTo(Map.of("step", 2L, "user:seen", true));
        store.delete(new DeleteRequest("app", "user", session.id()));
        assertThatThrownBy(() -> session.addEvent(AddEventOptions.of("user", "gone")))
                .isInstanceOf(SessionNotFoundException.class);
    }

    @Test
    @DisplayName("every append guarantee holds through the routines, and with separate statements where they are missing")
    void routineMissing() throws Exception {
        String url = MysqlTestBackend.freshStore();
        try (SessionService store = MysqlSessionService.builder().url(url).build()) {
            appendsKeepTheirGuarantees(store);
        }
        for (String routine : List.of("agent_session_append_with_state", "agent_session_append")) {
            execute(url, "DROP PROCEDURE " + routine);
            try (SessionService store = MysqlSessionService.builder().url(url).build()) {
                appendsKeepTheirGuarantees(store);
                appendsKeepTheirGuarantees(store);
            }
        }
    }

    @Test
    @DisplayName("an append whose delta changes three tiers is one call: one statement sent, not one per key and tier")
    void stateInOneCall() throws Exception {
        String url = MysqlTestBackend.freshStore();
        try (SessionService store = MysqlSessionService.builder().url(url).build()) {
            Session session = store.create(CreateRequest.of("app", "user", "agent"));
            session.addEvent(AddEventOptions.builder("agent").stateDelta(Map.of("warm", true)).build());
            long callsBefore = callsOfProcedures(url);
            long sentBefore = statementsSent(url);
            for (long i = 1; i <= 10; i++) {
                session.addEvent(AddEventOptions.builder("agent").content("turn " + i).stateDelta(Map.of("step", i,
                        "app:greeting", "ünï 😀", "user:last", Map.of("n", i))).build());
            }
            long sent = statementsSent(url) - sentBefore - 1;  // less this count's own query
            assertThat(callsOfProcedures(url) - callsBefore).as("calls of a routine").isGreaterThanOrEqualTo(10);
            assertThat(sent).as("statements sent for 10 appends").isLessThan(20);

            Map<String, Object> removal = new HashMap<>();
            removal.put("app:greeting", null);
            removal.put("warm", null);
            session.addEvent(AddEventOptions.builder("agent").stateDelta(removal).build());
            Session read = store.get(new GetRequest("app", "user", session.id())).orElseThrow();
            assertThat(read.state()).isEqualTo(Map.of("step", 10L, "user:last", Map.of("n", 10L)));
            assertThat(read.lastSequence()).isEqualTo(12);
        }
    }

    /** Statements clients sent to the server, not counting those run inside routines. */
    private static long statementsSent(String url) throws SQLException {
        return Long.parseLong(queryOne(url, "SELECT variable_value FROM information_schema.global_status"
                + " WHERE variable_name = 'QUESTIONS'"));
    }

    @Test
    @DisplayName("a user without EXECUTE on the routine still appends, with separate statements")
    void routineDenied() throws Exception {
        String url = MysqlTestBackend.freshStore();
        MysqlSessionService.builder().url(url).build().close();  // migrated by the owner
        String database = queryOne(url, "SELECT database()");
        for (String host : new String[] {"%", "localhost"}) {
            execute(url, "CREATE USER IF NOT EXISTS 'agentsession_noexec'@'" + host + "' IDENTIFIED BY 'noexec-pw'");
            execute(url, "GRANT SELECT, INSERT, UPDATE, DELETE ON `" + database + "`.* TO 'agentsession_noexec'@'"
                    + host + "'");
        }
        String plain = url.replaceFirst("\\?.*$", "");
        try (SessionService store = MysqlSessionService.builder().url(plain).user("agentsession_noexec")
                .password("noexec-pw").migrate(false).build()) {
            appendsKeepTheirGuarantees(store);
        } finally {
            for (String host : new String[] {"%", "localhost"}) {
                execute(url, "DROP USER IF EXISTS 'agentsession_noexec'@'" + host + "'");
            }
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
