package dev.agentsession.portability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentsession.Action;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import dev.agentsession.spi.SessionImport.OnExisting;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the seed-layout import")
class SeedImportTest {

    @TempDir
    Path folder;

    /** A file in the layout of the Python store, made from its DDL. */
    private Path seedFile() throws Exception {
        Path file = folder.resolve("seed.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY, app_name TEXT NOT NULL, user_id TEXT NOT NULL,"
                    + " agent_id TEXT NOT NULL, metadata TEXT, created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL)");
            statement.execute("CREATE TABLE events (id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES sessions(id),"
                    + " invocation_id TEXT, agent_id TEXT, branch TEXT, author TEXT NOT NULL, content TEXT,"
                    + " reasoning TEXT, actions TEXT, long_running_tool_ids TEXT, metadata TEXT,"
                    + " created_at DATETIME NOT NULL)");
            statement.execute("CREATE TABLE session_state (session_id TEXT NOT NULL REFERENCES sessions(id),"
                    + " key TEXT NOT NULL, value TEXT, updated_at DATETIME NOT NULL, PRIMARY KEY (session_id, key))");
            statement.execute("INSERT INTO sessions VALUES ('s-1', 'travel', 'ada', 'planner', '{\"topic\":\"kyoto\"}',"
                    + " '2025-01-02 03:04:05.123456', '2025-01-02 03:09:00')");
            statement.execute("INSERT INTO sessions VALUES ('s-2', 'travel', 'bob', 'planner', NULL,"
                    + " '2025-02-01 00:00:00', '2025-02-01 00:00:00')");
            // the third event was written in the same instant as the second: row order decides
            statement.execute("INSERT INTO events VALUES ('e-1', 's-1', 'inv-1', NULL, NULL, 'user', 'Plan Kyoto', NULL,"
                    + " NULL, NULL, NULL, '2025-01-02 03:05:00')");
            statement.execute("INSERT INTO events VALUES ('e-2', 's-1', 'inv-1', 'planner', 'root', 'planner', 'Looking',"
                    + " 'need weather', '[{\"tool_name\":\"weather\",\"input\":{\"city\":\"Kyoto\"},\"output\":{\"sky\":\"clear\"}}]',"
                    + " '[\"call-9\"]', '{\"tokens\":12}', '2025-01-02 03:06:00.5')");
            statement.execute("INSERT INTO events VALUES ('e-3', 's-1', 'inv-1', 'planner', 'root', 'planner', 'Clear skies',"
                    + " NULL, '{\"odd\":true}', NULL, NULL, '2025-01-02 03:06:00.5')");
            statement.execute("INSERT INTO session_state VALUES ('s-1', 'step', '3', '2025-01-02 03:09:00')");
            statement.execute("INSERT INTO session_state VALUES ('s-1', 'app:units', '\"metric\"', '2025-01-02 03:09:00')");
            statement.execute("INSERT INTO session_state VALUES ('s-1', 'user:name', '\"Ada\"', '2025-01-02 03:09:00')");
            statement.execute("INSERT INTO session_state VALUES ('s-1', 'temp:scratch', '1', '2025-01-02 03:09:00')");
        }
        return file;
    }

    @Test
    @DisplayName("sessions, events in written order, actions, times and state tiers come across")
    void imports() throws Exception {
        Path seed = seedFile();
        try (SessionService store = SessionServices.open("sqlite:" + folder.resolve("target.db"))) {
            Summary summary = SeedImport.importFile(seed, store, OnExisting.FAIL);

            assertThat(summary.sessions()).isEqualTo(2);
            assertThat(summary.events()).isEqualTo(3);
            Session session = store.get(new GetRequest("travel", "ada", "s-1")).orElseThrow();
            assertThat(session.agentId()).isEqualTo("planner");
            assertThat(session.metadata()).isEqualTo(Map.of("topic", "kyoto"));
            assertThat(session.createdAt()).isEqualTo(Instant.parse("2025-01-02T03:04:05.123456Z"));
            assertThat(session.updatedAt()).isEqualTo(Instant.parse("2025-01-02T03:09:00Z"));
            assertThat(session.state()).isEqualTo(Map.of("step", 3L, "app:units", "metric", "user:name", "Ada"));
            List<Event> events = session.events(EventsOptions.all());
            assertThat(events).extracting(Event::id).containsExactly("e-1", "e-2", "e-3");
            assertThat(events).extracting(Event::sequence).containsExactly(1L, 2L, 3L);
            Event looked = events.get(1);
            assertThat(looked.actions()).containsExactly(new Action("weather", Map.of("city", "Kyoto"),
                    Map.of("sky", "clear")));
            assertThat(looked.reasoning()).isEqualTo("need weather");
            assertThat(looked.longRunningToolIds()).containsExactly("call-9");
            assertThat(looked.createdAt()).isEqualTo(Instant.parse("2025-01-02T03:06:00.500Z"));
            assertThat(events.get(2).metadata()).isEqualTo(Map.of("seedActions", Map.of("odd", true)));
            assertThat(store.get(new GetRequest("travel", "bob", "s-2")).orElseThrow().lastSequence()).isZero();
            assertThat(SeedImport.importFile(seed, store, OnExisting.SKIP).skipped()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("a file not in the seed layout is refused naming what is missing")
    void notSeedLayout() throws Exception {
        Path empty = folder.resolve("empty.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + empty);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE other (x INTEGER)");
        }
        try (SessionService store = SessionServices.open("memory:")) {
            assertThatThrownBy(() -> SeedImport.importFile(empty, store, OnExisting.FAIL))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no table 'sessions'");
        }
    }
}
