package dev.agentsession.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.RetryPolicy;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import dev.agentsession.SessionStoreConfig;
import dev.agentsession.SessionStoreException;
import dev.agentsession.sql.SchemaCheck;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PostgreSQL backend specifics")
class PostgresSessionServiceTest {

    private static String queryOne(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    @DisplayName("retry settings come from the configuration's options; a bad value or unknown option is refused,"
            + " naming it")
    void retryOptions() {
        SessionStoreConfig config = SessionStoreConfig.builder("jdbc:postgresql://127.0.0.1:5432/test")
                .option("retry.maxAttempts", "3").option("retry.initialBackoff", "25")
                .option("retry.maxBackoff", "PT2S").build();
        PostgresSessionService.Builder builder = PostgresSessionService.builder().config(config);
        assertThat(builder).extracting("retryPolicy")
                .isEqualTo(new RetryPolicy(3, Duration.ofMillis(25), Duration.ofSeconds(2)));
        assertThat(PostgresSessionService.builder().config(SessionStoreConfig.builder("jdbc:postgresql://h/db")
                .option("retry.maxAttempts", "1").build())).extracting("retryPolicy")
                .isEqualTo(new RetryPolicy(1, Duration.ofMillis(10), Duration.ofSeconds(1)));

        assertThatThrownBy(() -> PostgresSessionService.builder().config(SessionStoreConfig
                .builder("jdbc:postgresql://h/db").option("retry.maxAttempts", "many").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retry.maxAttempts must be a whole number, was 'many'");
        assertThatThrownBy(() -> PostgresSessionService.builder().config(SessionStoreConfig
                .builder("jdbc:postgresql://h/db").option("retry.maxBackoff", "soon").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retry.maxBackoff must be milliseconds or an ISO-8601 duration, was 'soon'");
        assertThatThrownBy(() -> PostgresSessionService.builder().config(SessionStoreConfig
                .builder("jdbc:postgresql://h/db").option("retry.maxAttempts", "0").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts must be at least 1");
        assertThatThrownBy(() -> PostgresSessionService.builder().config(SessionStoreConfig
                .builder("jdbc:postgresql://h/db").option("retry.attempts", "3").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown PostgreSQL options"
                        + " [retry.attempts] (known: [retry.maxAttempts, retry.initialBackoff, retry.maxBackoff])");
    }

    @Test
    @DisplayName("the servers page's example: a store from a URL and credentials")
    void serversPageExample() throws Exception {
        String url = PostgresTestBackend.freshStore();
        String user = "postgres";
        String secret = "unused by the test server's trust authentication";
        // tag::servers-page-postgres[]
        try (PostgresSessionService store = PostgresSessionService.builder()
                .url(url).user(user).password(secret)
                .build()) {
            Session session = store.create(CreateRequest.of("support-bot", "alice", "helper"));
            session.addEvent(AddEventOptions.of("user", "Where is my parcel?"));
            assertThat(session.events(EventsOptions.all())).hasSize(1); // not on the page
        }
        // end::servers-page-postgres[]
    }

    @Test
    @DisplayName("the migrated schema matches the generated classes, with jsonb and C-collated keys")
    void noDrift() throws Exception {
        String url = PostgresTestBackend.freshStore();
        try (PostgresSessionService store = PostgresSessionService.builder().url(url).build()) {
            assertThat(store.database().dialect().sqlDialect()).isEqualTo(SQLDialect.POSTGRES);
            assertThat(SchemaCheck.differences(store.database())).isEmpty();
        }
        assertThat(queryOne(url, "SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema()"
                + " AND table_name = 'events' AND column_name = 'actions'")).isEqualTo("jsonb");
        assertThat(queryOne(url, "SELECT collation_name FROM information_schema.columns WHERE table_schema ="
                + " current_schema() AND table_name = 'sessions' AND column_name = 'id'")).isEqualTo("C");
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE sessions ALTER COLUMN agent_id DROP NOT NULL");
        }
        try (PostgresSessionService store = PostgresSessionService.builder().url(url).build()) {
            assertThat(SchemaCheck.differences(store.database()))
                    .containsExactly("column sessions.agent_id is nullable, expected NOT NULL");
        }
    }

    @Test
    @DisplayName("a caller's DataSource is used and left open when the service closes")
    void callersDataSource() throws Exception {
        String url = PostgresTestBackend.freshStore();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(2);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (SessionService store = PostgresSessionService.builder().dataSource(pool).build()) {
                store.create(CreateRequest.builder("app", "user", "agent").sessionId("mine").build());
            }
            assertThat(pool.isClosed()).isFalse();
            try (Connection connection = pool.getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT id FROM sessions")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("mine");
            }
        }
    }

    @Test
    @DisplayName("an unreachable server, a missing database and an unknown user fail with the cause and no password")
    void connectionFailures() {
        String secret = "pa55-w0rd-secret";
        List<String> urls = List.of(
                "jdbc:postgresql://127.0.0.1:1/test",
                "jdbc:postgresql://127.0.0.1:5432/no_such_database_here",
                "jdbc:postgresql://127.0.0.1:5432/test?password=" + secret);
        List<String> users = List.of("postgres", "postgres", "no_such_role");
        for (int i = 0; i < urls.size(); i++) {
            String url = urls.get(i);
            String user = users.get(i);
            assertThatThrownBy(() -> PostgresSessionService.builder().url(url).user(user).password(secret)
                    .connectionTimeout(java.time.Duration.ofSeconds(2)).build())
                    .isInstanceOf(SessionStoreException.class)
                    .hasMessageStartingWith("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:")
                    .hasMessageNotContaining(secret)
                    .satisfies(e -> {
                        assertThat(e.getCause()).isNotNull();
                        for (Throwable t = e; t != null; t = t.getCause()) {
                            assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
                            assertThat(t.toString()).doesNotContain(secret);
                        }
                    });
        }
    }

    @Test
    @DisplayName("jdbc:postgresql: URLs open through SessionServices with the configuration's settings")
    void opensByConfig() throws Exception {
        String url = PostgresTestBackend.freshStore();
        try (SessionService store = SessionServices.open(SessionStoreConfig.builder(url).maxPoolSize(3).build())) {
            Session session = store.create(CreateRequest.builder("app", "user", "agent")
                    .metadata(Map.of("k", List.of(1L, 2.5))).build());
            assertThat(store.get(new GetRequest("app", "user", session.id())).orElseThrow().metadata())
                    .isEqualTo(Map.of("k", List.of(1L, 2.5)));
        }
        assertThatThrownBy(() -> SessionServices.open(SessionStoreConfig.builder(url).option("x", "y").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown PostgreSQL options [x]");
    }
}
