package dev.agentsession.sql;

import java.util.Arrays;
import static dev.agentsession.sql.schema.Tables.EVENTS;
import static dev.agentsession.sql.schema.Tables.SESSIONS;

import dev.agentsession.sql.schema.EpochMicrosConverter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

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

    /** How an append reaches the database, by what the dialect can do. */
    enum Mode {
        /** PostgreSQL: one statement, a data-modifying CTE, in autocommit: one round trip. */
        ONE_STATEMENT,
        /** SQLite: {@code UPDATE ... RETURNING}, then the insert, in one transaction. */
        UPDATE_RETURNING_THEN_INSERT,
        /** MariaDB: the update, then {@code INSERT ... SELECT ... RETURNING} reading the updated row. */
        UPDATE_THEN_INSERT_SELECT_RETURNING,
        /** MySQL: the update, a read of the updated row, then the insert. */
        UPDATE_SELECT_INSERT
    }

    private final Mode mode;
    private final RenderedStatement advance;
    private final RenderedStatement readBack;
    private final RenderedStatement insert;
    private final RenderedStatement insertSelect;
    private final RenderedStatement oneStatement;

    AppendStatements(DSLContext dsl) {
        SQLDialect family = dsl.dialect().family();
        this.mode = switch (family) {
            case POSTGRES -> Mode.ONE_STATEMENT;
            case SQLITE -> Mode.UPDATE_RETURNING_THEN_INSERT;
            case MARIADB -> Mode.UPDATE_THEN_INSERT_SELECT_RETURNING;
            default -> Mode.UPDATE_SELECT_INSERT;
        };
        Param<Long> pk = DSL.param("pk", SESSIONS.PK);
        Param<Instant> now = DSL.param("now", SESSIONS.UPDATED_AT);
        var update = dsl.update(SESSIONS)
                .set(SESSIONS.LAST_SEQUENCE, SESSIONS.LAST_SEQUENCE.plus(DSL.inline(1L)))
                .set(SESSIONS.UPDATED_AT, DSL.greatest(SESSIONS.UPDATED_AT, now))
                .where(SESSIONS.PK.eq(pk));
        this.advance = RenderedStatement.of(dsl, mode == Mode.UPDATE_RETURNING_THEN_INSERT
                ? update.returningResult(SESSIONS.LAST_SEQUENCE, SESSIONS.UPDATED_AT) : update);
        this.readBack = RenderedStatement.of(dsl, dsl.select(SESSIONS.LAST_SEQUENCE, SESSIONS.UPDATED_AT).from(SESSIONS)
                .where(SESSIONS.PK.eq(pk)));
        this.insert = RenderedStatement.of(dsl, dsl.insertInto(EVENTS, INSERTED)
                .values(eventValues(DSL.param("sequence", EVENTS.SEQUENCE), DSL.param("created_at", EVENTS.CREATED_AT))));
        this.insertSelect = RenderedStatement.of(dsl, dsl.insertInto(EVENTS, INSERTED)
                .select(DSL.select(eventValues(SESSIONS.LAST_SEQUENCE, SESSIONS.UPDATED_AT)).from(SESSIONS)
                        .where(SESSIONS.PK.eq(pk)))
                .returningResult(EVENTS.SEQUENCE, EVENTS.CREATED_AT));
        var advanced = DSL.name("advanced").fields("seq", "at")
                .as(update.returningResult(SESSIONS.LAST_SEQUENCE, SESSIONS.UPDATED_AT));
        this.oneStatement = mode != Mode.ONE_STATEMENT ? null : RenderedStatement.of(dsl, dsl.with(advanced)
                .insertInto(EVENTS, INSERTED)
                .select(DSL.select(eventValues(DSL.field(DSL.name("advanced", "seq"), SQLDataType.BIGINT),
                        DSL.field(DSL.name("advanced", "at"), SESSIONS.UPDATED_AT.getDataType()))).from(advanced))
                .returningResult(EVENTS.SEQUENCE, EVENTS.CREATED_AT));
    }

    /** The columns an append writes, in the order {@link #eventValues} gives their values. */
    private static final List<Field<?>> INSERTED = List.of(EVENTS.ID, EVENTS.SESSION_PK, EVENTS.SEQUENCE,
            EVENTS.INVOCATION_ID, EVENTS.AGENT_ID, EVENTS.BRANCH, EVENTS.AUTHOR, EVENTS.CONTENT, EVENTS.REASONING,
            EVENTS.ACTIONS, EVENTS.LONG_RUNNING_TOOL_IDS, EVENTS.METADATA, EVENTS.CREATED_AT);

    private static List<Field<?>> eventValues(Field<Long> sequence, Field<Instant> createdAt) {
        return List.of(DSL.param("id", EVENTS.ID), DSL.param("session_pk", EVENTS.SESSION_PK), sequence,
                DSL.param("invocation_id", EVENTS.INVOCATION_ID), DSL.param("agent_id", EVENTS.AGENT_ID),
                DSL.param("branch", EVENTS.BRANCH), DSL.param("author", EVENTS.AUTHOR),
                DSL.param("content", EVENTS.CONTENT), DSL.param("reasoning", EVENTS.REASONING),
                DSL.param("actions", EVENTS.ACTIONS), DSL.param("tool_ids", EVENTS.LONG_RUNNING_TOOL_IDS),
                DSL.param("metadata", EVENTS.METADATA), createdAt);
    }

    /** @return how appends run on this database */
    Mode mode() {
        return mode;
    }

    /**
     * Appends in one statement ({@link Mode#ONE_STATEMENT}), which is atomic on its own.
     *
     * @param values the event's values by parameter name, and {@code pk} and {@code now}
     * @return the event's sequence and time, or {@code null} if the session is gone
     */
    Position appendInOne(Connection connection, Object... values) throws SQLException {
        try (PreparedStatement statement = oneStatement.prepare(connection, values);
             ResultSet row = statement.executeQuery()) {
            return row.next() ? new Position(row.getLong(1), MICROS.from(row.getLong(2))) : null;
        }
    }

    /**
     * Appends in the caller's transaction, in two or three statements by {@link #mode()}.
     *
     * @param values the event's values by parameter name, and {@code pk} and {@code now}
     * @return the event's sequence and time, or {@code null} if the session is gone (nothing written)
     */
    Position appendInSteps(Connection connection, long pk, Instant now, Object... values) throws SQLException {
        if (mode == Mode.UPDATE_THEN_INSERT_SELECT_RETURNING) {
            try (PreparedStatement statement = advance.prepare(connection, "pk", pk, "now", now)) {
                if (statement.executeUpdate() == 0) {
                    return null;
                }
            }
            try (PreparedStatement statement = insertSelect.prepare(connection, values);
                 ResultSet row = statement.executeQuery()) {
                row.next();
                return new Position(row.getLong(1), MICROS.from(row.getLong(2)));
            }
        }
        Position position = advance(connection, pk, now, mode == Mode.UPDATE_RETURNING_THEN_INSERT);
        if (position != null) {
            try (PreparedStatement statement = insert.prepare(connection,
                    with(values, "sequence", position.sequence(), "created_at", position.updatedAt()))) {
                statement.executeUpdate();
            }
        }
        return position;
    }

    private static Object[] with(Object[] values, Object... more) {
        Object[] all = Arrays.copyOf(values, values.length + more.length);
        System.arraycopy(more, 0, all, values.length, more.length);
        return all;
    }

    /**
     * Takes the session's next sequence and moves its {@code updated_at} to the later of
     * {@code now} and its previous value, in the caller's transaction.
     *
     * @param returning whether the database has {@code UPDATE ... RETURNING}
     * @return the new position, or {@code null} if the session is gone
     */
    private Position advance(Connection connection, long pk, Instant now, boolean returning) throws SQLException {
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

}
