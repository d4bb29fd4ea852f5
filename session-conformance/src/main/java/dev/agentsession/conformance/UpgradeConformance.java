package dev.agentsession.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentsession.AddEventOptions;
import dev.agentsession.Event;
import dev.agentsession.GetRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import dev.agentsession.SessionStoreConfig;
import dev.agentsession.SessionStoreException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Upgrades proved in place: a store written by release 0.1 (schema V2), committed as a fixture in
 * the backend's test resources ({@code upgrade/v2/}, with {@code golden.json} beside it), is
 * restored, opened with this release (which migrates it) and read back equal to the golden file;
 * and a store whose schema history holds a version this release does not know is refused without
 * a change. A backend's test class says how to restore its fixture.
 */
public abstract class UpgradeConformance {

    /**
     * Restores the backend's 0.1 fixture into a new store.
     *
     * @return the store's JDBC URL, which both {@link SessionServices#open(String)} and plain JDBC accept
     * @throws Exception if it cannot be restored
     */
    protected abstract String restoreReleaseZeroOneStore() throws Exception;

    /**
     * The newest schema version of the backend's migrations, which an upgraded store reaches.
     *
     * @return the version; 3 unless the backend says otherwise
     */
    protected int currentSchemaVersion() {
        return 3;
    }

    private InputStream golden() {
        InputStream golden = getClass().getResourceAsStream("/upgrade/v2/golden.json");
        assertThat(golden).as("upgrade/v2/golden.json on the test class path").isNotNull();
        return golden;
    }

    @Test
    @DisplayName("a store written by release 0.1 opens, migrates, and reads back equal to its golden JSON with empty state")
    void upgradesInPlace() throws Exception {
        String url = restoreReleaseZeroOneStore();
        List<String> legacy = rows(url, "SELECT version, description FROM flyway_schema_history ORDER BY installed_rank");
        assertThat(legacy).as("the fixture is at schema version 2, in Flyway's default table").last().asString()
                .startsWith("2 ");

        try (SessionService store = SessionServices.open(url)) {
            UpgradeFixture.assertMatchesGolden(store, golden());

            Session refund = store.get(new GetRequest("support-bot", "alice", "refund-1")).orElseThrow();
            Event next = refund.addEvent(AddEventOptions.builder("user").eventId("after-upgrade")
                    .expectedLastSequence(refund.lastSequence()).stateDelta(Map.of("app:upgraded", true, "step", 1L))
                    .content("still here").build());
            assertThat(next.sequence()).isEqualTo(refund.lastSequence() + 1);
            assertThat(store.get(new GetRequest("support-bot", "alice", "refund-1")).orElseThrow().state())
                    .isEqualTo(Map.of("app:upgraded", true, "step", 1L));
        }
        // the store's history moved to its own table (a baseline at 2, then 3 and on); Flyway's default table is left as it was
        int current = currentSchemaVersion();
        assertThat(history(url)).hasSize(current - 1).first().asString().startsWith("2 ");
        assertThat(history(url)).last().asString().startsWith(current + " ");
        assertThat(rows(url, "SELECT version, description FROM flyway_schema_history ORDER BY installed_rank"))
                .isEqualTo(legacy);
    }

    @Test
    @DisplayName("a store whose schema history holds a newer version is refused, naming both, and nothing changes")
    void newerSchemaRefused() throws Exception {
        String url = restoreReleaseZeroOneStore();
        SessionServices.open(url).close();
        execute(url, "INSERT INTO agent_session_schema_history (installed_rank, version, description, type, script,"
                + " checksum, installed_by, execution_time, success) VALUES (99, '99', 'from a newer release', 'SQL',"
                + " 'V99__from_a_newer_release.sql', 0, 'test', 0, " + successLiteral(url) + ")");
        List<String> before = contents(url);

        for (boolean migrate : new boolean[] {true, false}) {
            assertThatThrownBy(() -> SessionServices.open(SessionStoreConfig.builder(url).migrate(migrate).build()))
                    .isInstanceOf(SessionStoreException.class)
                    .hasMessageContaining("schema version 99")
                    .hasMessageContaining("versions up to " + currentSchemaVersion())
                    .hasMessageContaining("nothing was changed");
        }
        assertThat(contents(url)).isEqualTo(before);
    }

    private static String successLiteral(String url) {
        return url.startsWith("jdbc:postgresql:") ? "true" : "1";
    }

    /** The schema history, one "version description" line per row, by rank. */
    private static List<String> history(String url) throws Exception {
        return rows(url, "SELECT version, description FROM agent_session_schema_history ORDER BY installed_rank");
    }

    /** What opening must not change: the history and the number of sessions and events. */
    private static List<String> contents(String url) throws Exception {
        List<String> contents = new ArrayList<>(rows(url, "SELECT installed_rank, version, checksum, success"
                + " FROM agent_session_schema_history ORDER BY installed_rank"));
        contents.addAll(rows(url, "SELECT count(*) FROM sessions"));
        contents.addAll(rows(url, "SELECT count(*) FROM events"));
        return contents;
    }

    private static List<String> rows(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rows.getMetaData();
            List<String> lines = new ArrayList<>();
            while (rows.next()) {
                StringBuilder line = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    line.append(i > 1 ? " " : "").append(rows.getString(i));
                }
                lines.add(line.toString());
            }
            return lines;
        }
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
