package dev.agentsession.sql;

import dev.agentsession.sql.spi.Dialect;
import dev.agentsession.sql.spi.SqlDatabase;
import dev.agentsession.sql.spi.StateStatements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Every statement a store of one dialect sends, rendered without a database (jOOQ renders from
 * the dialect alone), as the text of that backend's golden SQL file. Each backend's test compares
 * it with the committed file, so a change to what a store sends shows in the file's diff, and a
 * reader sees exactly what each backend sends.
 */
public final class StatementCatalog {

    private StatementCatalog() {
    }

    /**
     * @param dialect a backend's dialect
     * @return each statement by name, in a stable order: the calls that are not per turn, the
     *     append, the reads, the state
     */
    public static Map<String, String> statements(Dialect dialect) {
        DSLContext dsl = DSL.using(dialect.sqlDialect(), SqlDatabase.settings());
        StateStatements state = new StateStatements(dsl);
        Map<String, String> statements = new LinkedHashMap<>(SessionStatements.statements(dsl));
        statements.putAll(dialect.appender(dsl, state).statements());
        statements.putAll(new ReadStatements(dsl, dialect.sessionRead(dsl).orElse(null)).statements());
        statements.putAll(state.statements());
        return statements;
    }

    /**
     * @param dialect a backend's dialect
     * @return the golden file's text: a header, then each statement as a {@code -- name} line and
     *     the statement ending in {@code ;}, a blank line between
     */
    public static String render(Dialect dialect) {
        StringBuilder text = new StringBuilder("-- Every statement a ").append(dialect.name())
                .append(" store sends, rendered by StatementCatalog.\n")
                .append("-- Regenerate with -Dagentsession.golden=update after a change that is meant.\n");
        statements(dialect).forEach((name, sql) -> text.append("\n-- ").append(name).append('\n').append(sql)
                .append(";\n"));
        return text.toString();
    }

    /** The system property that, set to {@code update}, makes {@link #golden} write the file. */
    public static final String UPDATE_PROPERTY = "agentsession.golden";

    /**
     * A golden file's committed text beside the text rendered now.
     *
     * @param committed the file's text ({@code ""} if it does not exist)
     * @param rendered {@link #render} of the dialect
     */
    public record Golden(String committed, String rendered) {
    }

    /**
     * Reads a backend's golden file and renders its statements, for a test that compares the two.
     * With {@code -Dagentsession.golden=update} the file is first written with what is rendered.
     *
     * @param dialect the backend's dialect
     * @param file the committed file, such as {@code src/test/resources/sql/statements.sql}
     * @return both texts
     * @throws IOException if the file cannot be read or written
     */
    public static Golden golden(Dialect dialect, Path file) throws IOException {
        String rendered = render(dialect);
        if ("update".equals(System.getProperty(UPDATE_PROPERTY))) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, rendered);
        }
        return new Golden(Files.exists(file) ? Files.readString(file) : "", rendered);
    }
}
