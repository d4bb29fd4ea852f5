package dev.agentsession.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.DeleteRequest;
import dev.agentsession.GetRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import dev.agentsession.SessionStoreException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * For backends on a database server: what the database itself holds, read with plain JDBC, and
 * how a store opens on a schema it did not create.
 */
public abstract class ServerSchemaConformance implements ServerBackend {

    private SessionService open(String url, boolean migrate) {
        return open(url, migrate, Duration.ofSeconds(10));
    }

    private String plainJdbcUrl(String url) {
        return testDatabase().plainJdbcUrl(url);
    }

    private String queryOne(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(plainJdbcUrl(url));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    @DisplayName("SessionServices opens a store over the program's own DataSource, by the database it reaches, and leaves it open")
    void opensOverTheProgramsDataSource() throws Exception {
        String url = freshStoreUrl();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(plainJdbcUrl(url));
        config.setMaximumPoolSize(3);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            String id;
            try (SessionService service = SessionServices.open(pool, true)) {
                id = service.create(CreateRequest.of("app", "user", "agent")).id();
            }
            assertThat(pool.isClosed()).isFalse();
            try (SessionService again = SessionServices.open(pool, false)) {
                assertThat(again.get(new GetRequest("app", "user", id))).isPresent();
            }
        }
    }

    @Test
    @DisplayName("deleting a session deletes its event rows in the database")
    void cascadeDeletesRows() throws Exception {
        String url = freshStoreUrl();
        try (SessionService store = open(url, true)) {
            Session doomed = store.create(CreateRequest.of("app", "user", "agent"));
            store.create(CreateRequest.of("app", "user", "agent")).addEvent(AddEventOptions.of("user", "kept"));
            for (int i = 0; i < 4; i++) {
                doomed.addEvent(AddEventOptions.of("user", "doomed"));
            }
            assertThat(queryOne(url, "SELECT count(*) FROM events")).isEqualTo("5");

            store.delete(new DeleteRequest("app", "user", doomed.id()));

            assertThat(queryOne(url, "SELECT count(*) FROM events")).isEqualTo("1");
            assertThat(queryOne(url, "SELECT content FROM events")).isEqualTo("kept");
        }
    }

    @Test
    @DisplayName("with migration off, a database without the tables is refused with the differences")
    void migrateOff() throws Exception {
        String url = freshStoreUrl();
        assertThatThrownBy(() -> open(url, false))
                .isInstanceOf(SessionStoreException.class)
                .hasMessageContaining("table sessions is missing");
        open(url, true).close();
        try (SessionService store = open(url, false)) {
            assertThat(store.create(CreateRequest.of("app", "user", "agent"))).isNotNull();
        }
    }
}
