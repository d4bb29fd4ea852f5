package dev.agentsession.sql.spi;

import static dev.agentsession.sql.schema.Tables.EVENTS;
import static dev.agentsession.sql.schema.Tables.SESSIONS;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.UpdateConditionStep;
import org.jooq.impl.DSL;

/**
 * How an append reaches one database: which statements, in which transaction. Every appender
 * raises the session's {@code last_sequence} and {@code updated_at} first (which locks the session
 * row, so concurrent appends to one session queue there and sequences stay gap-free) and inserts
 * the event with the new sequence; they differ in how many round trips that takes, by what the
 * database can do. A {@link Dialect} hands out its own ({@link Dialect#appender}); its statements
 * are rendered once per store. {@link StatementAppender} is the one that needs nothing special.
 *
 * <p>The statics here build and run the parts every appender shares, on the generated fields.
 */
public abstract class Appender {

    /** The session's key, in {@link #advance}. */
    protected static final Param<Long> PK = DSL.param("pk", SESSIONS.PK);
    /** The append's time, in {@link #advance}. */
    protected static final Param<Instant> NOW = DSL.param("now", SESSIONS.UPDATED_AT);
    /** The last sequence the caller expects, or null for any, in {@link #advance}. */
    protected static final Param<Long> EXPECTED = DSL.param("expected", SESSIONS.LAST_SEQUENCE);
    /** The session's key of the inserted event. */
    protected static final Param<Long> SESSION_PK = DSL.param("session_pk", EVENTS.SESSION_PK);
    /** The inserted event's sequence. */
    protected static final Param<Long> SEQUENCE = DSL.param("sequence", EVENTS.SEQUENCE);
    /** The inserted event's time. */
    protected static final Param<Instant> CREATED_AT = DSL.param("created_at", EVENTS.CREATED_AT);

    /** The answer of a statement that returns the inserted event's position. */
    protected static final Columns INSERTED_POSITION = Columns.of(EVENTS.SEQUENCE, EVENTS.CREATED_AT);
    /** The answer of a statement that returns the raised session's sequence and time. */
    protected static final Columns RAISED_POSITION = Columns.of(SESSIONS.LAST_SEQUENCE, SESSIONS.UPDATED_AT);

    private final StateStatements state;
    private final boolean oneStatement;

    /**
     * @param state the store's state statements, which an append with a delta runs in its
     *     transaction unless {@link #writesState} says this appender writes it
     * @param oneStatement whether {@link #run} is one statement, atomic on its own, so that it runs
     *     in auto-commit when nothing else is to be written with it
     */
    protected Appender(StateStatements state, boolean oneStatement) {
        this.state = state;
        this.oneStatement = oneStatement;
    }

    /**
     * Runs the append's statements on a connection.
     *
     * @param connection the connection
     * @param row the append
     * @param alone true when the connection is in auto-commit and the append is the only work
     *     (an appender of one statement, and a delta it writes itself or none); false inside the
     *     store's transaction
     * @return where the event landed
     * @throws NoSuchSession if the session is gone or not at the expected sequence
     * @throws SQLException if the database fails
     */
    protected abstract AppendPosition run(Connection connection, AppendRow row, boolean alone) throws SQLException;

    /**
     * @param row an append with a delta
     * @return whether {@link #run}, alone, writes this row's delta itself in its one statement (and
     *     checks the tiers' sizes); otherwise the state statements run after it in its transaction
     */
    protected boolean writesState(AppendRow row) {
        return false;
    }

    /**
     * Appends, with the delta's tiers in the same transaction. An appender of one statement runs
     * in auto-commit, one round trip, when there is no delta or the statement writes it too.
     *
     * @param database the store's database
     * @param row the append
     * @return the new event's position
     * @throws NoSuchSession if the session is gone or not at the expected sequence; nothing is written
     * @throws IllegalArgumentException if the delta makes a tier too large; nothing is written
     * @throws org.jooq.exception.DataAccessException if the database fails
     */
    public AppendPosition append(SqlDatabase database, AppendRow row) {
        if (oneStatement && (row.delta().isEmpty() || writesState(row))) {
            return database.statement(dsl -> dsl.connectionResult(connection -> run(connection, row, true)));
        }
        return database.transaction(dsl -> dsl.connectionResult(connection -> {
            AppendPosition position = run(connection, row, false);
            state.apply(connection, row.sessionPk(), row.appName(), row.userId(), row.delta(), "stateDelta");
            return position;
        }));
    }

    /**
     * Raises the session's sequence and time ({@link #PK}, {@link #NOW}), if the session is at the
     * expected sequence ({@link #EXPECTED}; any, when it is null: the condition is then true).
     *
     * @param dsl the store's context
     * @return the update, to be rendered or built on
     */
    protected static UpdateConditionStep<?> advance(DSLContext dsl) {
        return dsl.update(SESSIONS)
                .set(SESSIONS.LAST_SEQUENCE, SESSIONS.LAST_SEQUENCE.plus(DSL.inline(1L)))
                .set(SESSIONS.UPDATED_AT, DSL.greatest(SESSIONS.UPDATED_AT, NOW))
                .where(SESSIONS.PK.eq(PK))
                .and(SESSIONS.LAST_SEQUENCE.eq(DSL.coalesce(EXPECTED, SESSIONS.LAST_SEQUENCE)));
    }

    /**
     * Sets the parameters of {@link #advance} and the event's payload.
     *
     * @param values a statement's values
     * @param row the append
     * @return {@code values}
     */
    protected static RenderedStatement.Values bindAdvanceAndEvent(RenderedStatement.Values values, AppendRow row) {
        return EventColumns.bind(bindAdvance(values, row), row.payload());
    }

    /**
     * Sets the parameters of {@link #advance}.
     *
     * @param values a statement's values
     * @param row the append
     * @return {@code values}
     */
    protected static RenderedStatement.Values bindAdvance(RenderedStatement.Values values, AppendRow row) {
        return values.set(PK, row.sessionPk()).set(NOW, row.now()).set(EXPECTED, row.expectedLastSequence());
    }

    /**
     * Sets the parameters of an insert of {@link EventColumns#insertedValues} made with
     * {@link #SESSION_PK}, {@link #SEQUENCE} and {@link #CREATED_AT}.
     *
     * @param values the insert's values
     * @param row the append
     * @param position the event's position
     * @return {@code values}
     */
    protected static RenderedStatement.Values bindInsert(RenderedStatement.Values values, AppendRow row,
            AppendPosition position) {
        return EventColumns.bind(values, row.payload()).set(SESSION_PK, row.sessionPk())
                .set(SEQUENCE, position.sequence()).set(CREATED_AT, position.createdAt());
    }

    /**
     * Runs a statement that returns a position in its first row, or no row when the session is
     * gone.
     *
     * @param values the statement's values
     * @param connection the connection
     * @param answer the statement's two columns: a sequence, then a time
     * @return the position
     * @throws NoSuchSession if no row came back
     * @throws SQLException if the database fails
     */
    protected static AppendPosition position(RenderedStatement.Values values, Connection connection, Columns answer)
            throws SQLException {
        try (PreparedStatement statement = values.prepare(connection); ResultSet result = statement.executeQuery()) {
            if (!result.next()) {
                throw new NoSuchSession();
            }
            return new AppendPosition(answer.get(result, sequenceOf(answer)), answer.get(result, timeOf(answer)));
        }
    }

    @SuppressWarnings("unchecked")
    private static Field<Long> sequenceOf(Columns answer) {
        return (Field<Long>) answer.fields().get(0);
    }

    @SuppressWarnings("unchecked")
    private static Field<Instant> timeOf(Columns answer) {
        return (Field<Instant>) answer.fields().get(1);
    }

    /**
     * Runs a statement that changes rows.
     *
     * @param values the statement's values
     * @param connection the connection
     * @param mustChange whether changing no row means the session is gone
     * @throws NoSuchSession if {@code mustChange} and no row changed
     * @throws SQLException if the database fails
     */
    protected static void execute(RenderedStatement.Values values, Connection connection, boolean mustChange)
            throws SQLException {
        try (PreparedStatement statement = values.prepare(connection)) {
            if (statement.executeUpdate() == 0 && mustChange) {
                throw new NoSuchSession();
            }
        }
    }

    /**
     * The statements this appender sends, rendered, for the golden SQL files
     * ({@link dev.agentsession.sql.StatementCatalog}).
     *
     * @return each statement's name and SQL, in a stable order
     */
    public abstract Map<String, String> statements();
}
