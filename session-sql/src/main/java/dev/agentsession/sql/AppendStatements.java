package dev.agentsession.sql;

import static dev.agentsession.sql.schema.Tables.EVENTS;
import static dev.agentsession.sql.schema.Tables.SESSIONS;

import dev.agentsession.sql.schema.EpochMicrosConverter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.impl.DSL;

/**
 * The two statements of an append, built with jOOQ on the generated tables and rendered once for
 * the database's dialect, then run as prepared statements on each append. An append is the hot
 * path: rendering the same two statements again on every call cost as much as running them.
 * Where the database keeps prepared statements (SQLite's pooled writer, the servers' drivers),
 * they are not prepared again either.
 */
final class AppendStatements {

    /** The session's new last sequence and updated time, or null if the session is gone. */
    record Position(long sequence, Instant updatedAt) {
    }

    private static final EpochMicrosConverter MICROS = new EpochMicrosConverter();

    private final Rendered advance;
    private final Rendered readBack;
    private final Rendered insert;

    /** A rendered statement and the names of its parameters in the order they are bound. */
    private record Rendered(String sql, List<String> parameters) {
        static Rendered of(DSLContext dsl, Query query) {
            List<String> names = new ArrayList<>();
            for (Param<?> param : dsl.extractParams(query).values()) {
                if (!param.isInline()) {
                    names.add(param.getParamName());
                }
            }
            return new Rendered(dsl.render(query), names);
        }

        PreparedStatement prepare(Connection connection, Object... namesAndValues) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(sql);
            try {
                for (int i = 0; i < parameters.size(); i++) {
                    bind(statement, i + 1, valueOf(parameters.get(i), namesAndValues));
                }
                return statement;
            } catch (SQLException | RuntimeException e) {
                statement.close();
                throw e;
            }
        }

        private static Object valueOf(String name, Object[] namesAndValues) {
            for (int i = 0; i < namesAndValues.length; i += 2) {
                if (namesAndValues[i].equals(name)) {
                    return namesAndValues[i + 1];
                }
            }
            throw new IllegalStateException("no value for parameter " + name);
        }

        private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
            if (value == null) {
                statement.setNull(index, Types.VARCHAR);
            } else if (value instanceof String text) {
                statement.setString(index, text);
            } else if (value instanceof Long number) {
                statement.setLong(index, number);
            } else if (value instanceof Instant instant) {
                statement.setLong(index, MICROS.to(instant));
            } else if (value instanceof JSONB json) {
                statement.setString(index, json.data());
            } else {
                throw new IllegalArgumentException("cannot bind a " + value.getClass().getName());
            }
        }
    }

    AppendStatements(DSLContext dsl) {
        Param<Long> pk = DSL.param("pk", SESSIONS.PK);
        Param<Instant> now = DSL.param("now", SESSIONS.UPDATED_AT);
        var update = dsl.update(SESSIONS)
                .set(SESSIONS.LAST_SEQUENCE, SESSIONS.LAST_SEQUENCE.plus(DSL.inline(1L)))
                .set(SESSIONS.UPDATED_AT, DSL.greatest(SESSIONS.UPDATED_AT, now))
                .where(SESSIONS.PK.eq(pk));
        this.advance = Rendered.of(dsl, dsl.dialect().family() == org.jooq.SQLDialect.MYSQL
                || dsl.dialect().family() == org.jooq.SQLDialect.MARIADB
                ? update : update.returningResult(SESSIONS.LAST_SEQUENCE, SESSIONS.UPDATED_AT));
        this.readBack = Rendered.of(dsl, dsl.select(SESSIONS.LAST_SEQUENCE, SESSIONS.UPDATED_AT).from(SESSIONS)
                .where(SESSIONS.PK.eq(pk)));
        this.insert = Rendered.of(dsl, dsl.insertInto(EVENTS)
                .set(EVENTS.ID, DSL.param("id", EVENTS.ID))
                .set(EVENTS.SESSION_PK, DSL.param("session_pk", EVENTS.SESSION_PK))
                .set(EVENTS.SEQUENCE, DSL.param("sequence", EVENTS.SEQUENCE))
                .set(EVENTS.INVOCATION_ID, DSL.param("invocation_id", EVENTS.INVOCATION_ID))
                .set(EVENTS.AGENT_ID, DSL.param("agent_id", EVENTS.AGENT_ID))
                .set(EVENTS.BRANCH, DSL.param("branch", EVENTS.BRANCH))
                .set(EVENTS.AUTHOR, DSL.param("author", EVENTS.AUTHOR))
                .set(EVENTS.CONTENT, DSL.param("content", EVENTS.CONTENT))
                .set(EVENTS.REASONING, DSL.param("reasoning", EVENTS.REASONING))
                .set(EVENTS.ACTIONS, DSL.param("actions", EVENTS.ACTIONS))
                .set(EVENTS.LONG_RUNNING_TOOL_IDS, DSL.param("tool_ids", EVENTS.LONG_RUNNING_TOOL_IDS))
                .set(EVENTS.METADATA, DSL.param("metadata", EVENTS.METADATA))
                .set(EVENTS.CREATED_AT, DSL.param("created_at", EVENTS.CREATED_AT)));
    }

    /**
     * Takes the session's next sequence and moves its {@code updated_at} to the later of
     * {@code now} and its previous value, in the caller's transaction.
     *
     * @param returning whether the database has {@code UPDATE ... RETURNING}
     * @return the new position, or {@code null} if the session is gone
     */
    Position advance(Connection connection, long pk, Instant now, boolean returning) throws SQLException {
        if (returning) {
            try (PreparedStatement statement = advance.prepare(connection, "pk", pk, "now", now);
                 ResultSet row = statement.executeQuery()) {
                return row.next() ? new Position(row.getLong(1), MICROS.from(row.getLong(2))) : null;
            }
        }
        try (PreparedStatement statement = advance.prepare(connection, "pk", pk, "now", now)) {
            if (statement.executeUpdate() == 0) {
                return null;
            }
        }
        try (PreparedStatement statement = readBack.prepare(connection, "pk", pk);
             ResultSet row = statement.executeQuery()) {
            return row.next() ? new Position(row.getLong(1), MICROS.from(row.getLong(2))) : null;
        }
    }

    /** Inserts one event row in the caller's transaction. */
    void insert(Connection connection, Object... namesAndValues) throws SQLException {
        try (PreparedStatement statement = insert.prepare(connection, namesAndValues)) {
            statement.executeUpdate();
        }
    }
}
