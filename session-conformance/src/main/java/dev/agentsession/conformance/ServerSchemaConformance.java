package dev.agentsession.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.DeleteRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import dev.agentsession.SessionStoreException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * For backends on a database server: what the database itself holds, read with plain JDBC, and
 * how a store opens on a schema it did not create. A backend's test class says how to reach an
 * empty store and how to open a service on it.
 */
public abstract class ServerSchemaConformance {

    /** @return the JDBC URL, with credentials, of a new, empty store on the test server */
    protected abstract String freshStoreUrl() throws Exception;

    /** Opens a service on {@code url}, creating or upgrading the schema only if {@code migrate}. */
    protected abstract SessionService open(String url, boolean migrate);

    /** @return the URL the plain JDBC driver on the test classpath accepts for {@code url} */
    protected String plainJdbcUrl(String url) {
        return url;
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
