package dev.agentsession.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.sql.spi.Dialect;
import dev.agentsession.sql.spi.EventColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the core's statements, rendered without a database")
class StatementCatalogTest {

    /** A dialect that asks for nothing special: every statement is the core's. */
    private static final Dialect PLAIN = new Dialect("a plain database", SQLDialect.POSTGRES, "none", false) {
    };

    @Test
    @DisplayName("a dialect without an appender of its own appends with the core's update, read and insert")
    void defaultAppend() {
        Map<String, String> statements = StatementCatalog.statements(PLAIN);

        assertThat(statements).containsKeys("append: raise the session", "append: read the raised session",
                "append: insert the event", "get: a session with its state", "create: the session",
                "import: an event (sent in batches)", "delete user: the sessions");
        String insert = statements.get("append: insert the event");
        List<String> columns = EventColumns.inserted().stream().map(Field::getName).toList();
        assertThat(insert).contains("(\"" + String.join("\", \"", columns) + "\")");
        assertThat(insert.chars().filter(c -> c == '?').count()).isEqualTo(columns.size());
        assertThat(statements.get("append: raise the session"))
                .contains("\"last_sequence\" = (\"sessions\".\"last_sequence\" + 1)")
                .contains("greatest(\"sessions\".\"updated_at\", ?)");
    }

    @Test
    @DisplayName("every statement has a name and a text, and the golden text lists each under its name")
    void renderedText() {
        Map<String, String> statements = StatementCatalog.statements(PLAIN);
        String text = StatementCatalog.render(PLAIN);

        assertThat(statements).hasSizeGreaterThan(40);
        statements.forEach((name, sql) -> {
            assertThat(sql).as(name).isNotBlank();
            assertThat(text).contains("\n-- " + name + "\n" + sql + ";\n");
        });
        assertThat(text).startsWith("-- Every statement a a plain database store sends");
    }

    @Test
    @DisplayName("the size of a state tier is the sum of its rows' entry bytes, with the commas and braces")
    void tierSizeStatement() {
        String sizes = StatementCatalog.statements(PLAIN).get("state: measure the tiers session app user");

        assertThat(sizes).contains("sum((\"session_state\".\"entry_bytes\" + 1))")
                .contains("sum((\"app_state\".\"entry_bytes\" + 1))")
                .contains("sum((\"user_state\".\"entry_bytes\" + 1))")
                .doesNotContain("length(");
    }

    @Test
    @DisplayName("the core's sources hold no SQL of one database and never ask which database they run on")
    void noDialectInTheCore() throws IOException {
        Pattern oneDatabase = Pattern.compile("SQLDialect\\.[A-Z]|\\.family\\(\\)|json_group_object|agent_session_append"
                + "|WITH input|RETURNING");
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            List<String> found = sources.filter(path -> path.toString().endsWith(".java"))
                    .flatMap(path -> lines(path).stream().filter(line -> !line.stripLeading().startsWith("*"))
                            .filter(line -> oneDatabase.matcher(line).find())
                            .map(line -> path.getFileName() + ": " + line.strip()))
                    .toList();
            assertThat(found).isEmpty();
        }
    }

    private static List<String> lines(Path path) {
        try {
            return Files.readAllLines(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
