package dev.agentsession.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.conformance.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the quickstart")
class QuickstartTest {

    private static String run(String target) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Quickstart.run(target, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("runs twice on a SQLite file: the second run cleans up the first run's session")
    void runsTwiceOnSqlite(@TempDir Path temp) throws Exception {
        Path file = temp.resolve("demo").resolve("sessions.db");

        String first = run(file.toString());
        String second = run("sqlite:" + file);

        assertThat(first).startsWith("Store: SqliteSessionService[SQLite file " + file + "]").contains(
                "#1 user: What's the weather in Kyoto tomorrow? 🌦",
                "tool get_forecast", "Last 2:", "alice has 1 session(s)", "Deleted 0 session(s)",
                "The database file is " + file);
        assertThat(second).contains("alice has 2 session(s)", "Deleted 1 session(s) from earlier runs");
        assertThat(Files.size(file.resolveSibling("sessions.db.backup"))).isPositive();
    }

    @Test
    @DisplayName("runs unchanged on the memory store")
    void runsOnMemory() throws Exception {
        String output = run("memory:");
        assertThat(output).startsWith("Store: MemorySessionService[").contains("#3 user: Thanks!", "Deleted 0 session(s)",
                        "State: {city=Kyoto, user:forecasts_asked=1} (last sequence 3)")
                .doesNotContain("Backed up");
    }

    @Test
    @DisplayName("runs unchanged on PostgreSQL and MariaDB")
    void runsOnServers() throws Exception {
        for (String url : List.of(TestDatabase.POSTGRES.namedStoreUrl("agentsession_quickstart"),
                TestDatabase.MYSQL.namedStoreUrl("agentsession_quickstart"))) {
            String first = run(url);
            String second = run(url);
            assertThat(first).contains("#2 travel-agent: Tomorrow in Kyoto", "alice has 1 session(s)",
                    "Deleted 0 session(s)").doesNotContain("Backed up");
            assertThat(second).contains("alice has 2 session(s)", "Deleted 1 session(s) from earlier runs");
        }
    }

    @Test
    @DisplayName("a plain path selects a SQLite file, a URL is kept")
    void storeUrls() {
        assertThat(Quickstart.storeUrl("/tmp/x.db")).isEqualTo("sqlite:/tmp/x.db");
        assertThat(Quickstart.storeUrl("relative.db")).isEqualTo("sqlite:relative.db");
        assertThat(Quickstart.storeUrl("memory:")).isEqualTo("memory:");
    }
}
