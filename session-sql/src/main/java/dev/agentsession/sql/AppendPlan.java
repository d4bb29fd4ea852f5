package dev.agentsession.sql;

import static dev.agentsession.sql.schema.Tables.EVENTS;
import static dev.agentsession.sql.schema.Tables.SESSIONS;

import dev.agentsession.Limits;
import dev.agentsession.internal.StateDelta;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.QueryPart;
import org.jooq.UpdateConditionStep;
import org.jooq.impl.DSL;

/**
 * How an append reaches one kind of database: which statements, in which transaction. Every plan
 * raises the session's {@code last_sequence} and {@code updated_at} first (which locks the session
 * row, so concurrent appends to one session queue there and sequences stay gap-free) and inserts
 * the event with the new sequence; they differ in how many round trips that takes, by what the
 * database can do. A {@link Dialect} names its plan; the statements are rendered once per store.
 */
public final class AppendPlan {

    /**
     * The event's values and the session's key and time, as the generated fields type them; the
     * last sequence the caller expects (or null), and the state delta split by tier, with its
     * stored form.
     */
    record Row(long sessionPk, String appName, String userId, Instant now, Long expectedLastSequence, String id,
               String invocationId, String agentId, String branch, String author, String content, String reasoning,
               JSONB actions, JSONB toolIds, JSONB metadata, JSONB storedDelta, StateDelta delta) {
    }

    /** Where an append landed: the event's sequence and time. */
    record Position(long sequence, Instant createdAt) {
    }

    /**
     * Thrown inside the append's transaction when the session is gone, or not at the expected
     * sequence, so nothing is kept.
     */
    static final class NoSuchSession extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoSuchSession() {
            super("the session is gone", null, false, false);
        }
    }

    /** An append on one store, its statements rendered. */
    abstract static class Appender {
        private final StateStatements state;
        private final boolean oneStatement;

        Appender(StateStatements state, boolean oneStatement) {
            this.state = state;
            this.oneStatement = oneStatement;
        }

        /**
         * Runs the append's statements on a connection.
         *
         * @param alone true when the connection is in auto-commit and the append is the only work
         *     (a plan of one statement, without a delta); false inside the store's transaction
         */
        abstract Position run(Connection connection, Row row, boolean alone) throws SQLException;

        /**
         * @return whether {@link #run} writes this row's delta itself, in its one statement (and
         *     checks the tiers' sizes); otherwise the state statements run after it in its transaction
         */
        boolean writesState(Row row) {
            return false;
        }

        /**
         * Appends, with the delta's tiers in the same transaction. A plan of one statement runs in
         * auto-commit, one round trip, when there is no delta or the statement writes it too.
         *
         * @return the new event's position
         * @throws NoSuchSession if the session is gone or not at the expected sequence; nothing
         *     is written
         * @throws IllegalArgumentException if the delta makes a tier too large; nothing is written
         */
        Position append(SqlDatabase database, Row row) {
            if (oneStatement && (row.delta().isEmpty() || writesState(row))) {
                return database.statement(dsl -> dsl.connectionResult(connection -> run(connection, row, true)));
            }
            return database.transaction(dsl -> dsl.connectionResult(connection -> {
                Position position = run(connection, row, false);
                state.apply(connection, row.sessionPk(), row.appName(), row.userId(), row.delta(), "stateDelta");
                return position;
            }));
        }
    }

    private static final Param<Long> PK = DSL.param("pk", SESSIONS.PK);
    private static final Param<Instant> NOW = DSL.param("now", SESSIONS.UPDATED_AT);
    private static final Param<String> ID = DSL.param("id", EVENTS.ID);
    private static final Param<Long> SESSION_PK = DSL.param("session_pk", EVENTS.SESSION_PK);
    private static final Param<Long> SEQUENCE = DSL.param("sequence", EVENTS.SEQUENCE);
    private static final Param<String> INVOCATION_ID = DSL.param("invocation_id", EVENTS.INVOCATION_ID);
    private static final Param<String> AGENT_ID = DSL.param("agent_id", EVENTS.AGENT_ID);
    private static final Param<String> BRANCH = DSL.param("branch", EVENTS.BRANCH);
    private static final Param<String> AUTHOR = DSL.param("author", EVENTS.AUTHOR);
    private static final Param<String> CONTENT = DSL.param("content", EVENTS.CONTENT);
    private static final Param<String> REASONING = DSL.param("reasoning", EVENTS.REASONING);
    private static final Param<JSONB> ACTIONS = DSL.param("actions", EVENTS.ACTIONS);
    private static final Param<JSONB> TOOL_IDS = DSL.param("tool_ids", EVENTS.LONG_RUNNING_TOOL_IDS);
    private static final Param<JSONB> METADATA = DSL.param("metadata", EVENTS.METADATA);
    private static final Param<Instant> CREATED_AT = DSL.param("created_at", EVENTS.CREATED_AT);
    private static final Param<JSONB> STATE_DELTA = DSL.param("state_delta", EVENTS.STATE_DELTA);
    private static final Param<Long> EXPECTED = DSL.param("expected", SESSIONS.LAST_SEQUENCE);

    /** The columns an append writes, in the order {@link #eventValues} gives their values. */
    private static final List<Field<?>> INSERTED = List.of(EVENTS.ID, EVENTS.SESSION_PK, EVENTS.SEQUENCE,
            EVENTS.INVOCATION_ID, EVENTS.AGENT_ID, EVENTS.BRANCH, EVENTS.AUTHOR, EVENTS.CONTENT, EVENTS.REASONING,
            EVENTS.ACTIONS, EVENTS.LONG_RUNNING_TOOL_IDS, EVENTS.METADATA, EVENTS.CREATED_AT, EVENTS.STATE_DELTA);

    /** The two columns a statement that reports the new position returns. */
    private record Returned(Field<Long> sequence, Field<Instant> time, Columns columns) {
        Returned(Field<Long> sequence, Field<Instant> time) {
            this(sequence, time, Columns.of(sequence, time));
        }

        Position read(ResultSet row) throws SQLException {
            return new Position(columns.get(row, sequence), columns.get(row, time));
        }
    }

    private static final Returned POSITION = new Returned(EVENTS.SEQUENCE, EVENTS.CREATED_AT);
    private static final Returned ADVANCED = new Returned(SESSIONS.LAST_SEQUENCE, SESSIONS.UPDATED_AT);

    /** The stored procedure of {@link #routineCall}. */
    static final String ROUTINE = "agent_session_append";
    /** The stored procedure of {@link #routineCall} for an append whose delta changes state. */
    static final String STATE_ROUTINE = "agent_session_append_with_state";

    private static final Param<String> STATE_APP = DSL.param("state_app", SESSIONS.APP_NAME);
    private static final Param<String> STATE_USER = DSL.param("state_user", SESSIONS.USER_ID);
    private static final Param<JSONB> SESSION_CHANGES = DSL.param("session_changes", EVENTS.STATE_DELTA);
    private static final Param<JSONB> APP_CHANGES = DSL.param("app_changes", EVENTS.STATE_DELTA);
    private static final Param<JSONB> USER_CHANGES = DSL.param("user_changes", EVENTS.STATE_DELTA);
    /** The answer of an append that writes its state: position, then the sizes of the tiers it touched. */
    private static final Columns STATE_ANSWER =
            Columns.of(EVENTS.SEQUENCE, EVENTS.CREATED_AT, StateStatements.SESSION_SIZE, StateStatements.APP_SIZE,
                    StateStatements.USER_SIZE);

    private final String description;
    private final BiFunction<DSLContext, StateStatements, Appender> factory;

    private AppendPlan(String description, BiFunction<DSLContext, StateStatements, Appender> factory) {
        this.description = description;
        this.factory = factory;
    }

    /**
     * One statement, a data-modifying CTE ({@code WITH advanced AS (UPDATE ... RETURNING)
     * INSERT ... SELECT ... RETURNING}), run in auto-commit: atomic on its own, one round trip.
     * PostgreSQL.
     */
    public static AppendPlan dataModifyingCte() {
        return new AppendPlan("a data-modifying CTE in auto-commit", CteAppender::new);
    }

    /** {@code UPDATE ... RETURNING}, then the insert, in one transaction. SQLite. */
    public static AppendPlan updateReturningThenInsert() {
        return new AppendPlan("UPDATE ... RETURNING, then INSERT, in one transaction", ReturningAppender::new);
    }

    /**
     * The update, then {@code INSERT ... SELECT ... RETURNING} reading the updated row, in one
     * transaction. MariaDB, which has {@code INSERT ... RETURNING} but no {@code UPDATE ... RETURNING}.
     */
    public static AppendPlan updateThenInsertSelectReturning() {
        return new AppendPlan("UPDATE, then INSERT ... SELECT ... RETURNING, in one transaction",
                InsertSelectAppender::new);
    }

    /** The update, a read of the updated row, then the insert, in one transaction. MySQL. */
    public static AppendPlan updateReadInsert() {
        return new AppendPlan("UPDATE, SELECT, INSERT in one transaction", ReadBackAppender::new);
    }

    /**
     * One call of the stored procedure {@value #ROUTINE} that the MySQL migrations create: the
     * update, the insert and, in auto-commit, the transaction around them run inside the server,
     * one round trip. An append whose delta changes state is one call of {@value #STATE_ROUTINE},
     * which also writes the tiers' keys and checks their sizes. Where a routine is missing or the
     * store's user may not run it (a schema made elsewhere, a dump restored without routines, no
     * {@code EXECUTE} right), the store says so once in the log and for good appends without it:
     * without {@value #STATE_ROUTINE}, by {@value #ROUTINE} and the state statements in one
     * transaction; without {@value #ROUTINE}, by {@code fallback}.
     *
     * @param fallback the plan without the routine
     * @param routineUnavailable tells from a failed call that the routine is missing or denied
     */
    public static AppendPlan routineCall(AppendPlan fallback, Predicate<SQLException> routineUnavailable) {
        return new AppendPlan("one call of " + ROUTINE + " (else: " + fallback + ")",
                (dsl, state) -> new RoutineAppender(dsl, state, fallback.prepare(dsl, state), routineUnavailable));
    }

    /**
     * Renders this plan's statements for one store.
     *
     * @param dsl the store's context
     * @param state the store's state statements, which an append with a delta runs in its transaction
     */
    Appender prepare(DSLContext dsl, StateStatements state) {
        return factory.apply(dsl, state);
    }

    @Override
    public String toString() {
        return description;
    }

    // ------------------------------------------------------------------------- statements

    /**
     * Raises the session's sequence and time, if the session is at the expected sequence (any,
     * when none is expected: the condition is then true).
     */
    private static UpdateConditionStep<?> advance(DSLContext dsl) {
        return dsl.update(SESSIONS)
                .set(SESSIONS.LAST_SEQUENCE, SESSIONS.LAST_SEQUENCE.plus(DSL.inline(1L)))
                .set(SESSIONS.UPDATED_AT, DSL.greatest(SESSIONS.UPDATED_AT, NOW))
                .where(SESSIONS.PK.eq(PK))
                .and(SESSIONS.LAST_SEQUENCE.eq(DSL.coalesce(EXPECTED, SESSIONS.LAST_SEQUENCE)));
    }

    private static RenderedStatement.Values advanceValues(RenderedStatement.Values values, Row row) {
        return values.set(PK, row.sessionPk()).set(NOW, row.now()).set(EXPECTED, row.expectedLastSequence());
    }

    private static List<Field<?>> eventValues(Field<Long> sessionPk, Field<Long> sequence, Field<Instant> createdAt) {
        return List.of(ID, sessionPk, sequence, INVOCATION_ID, AGENT_ID, BRANCH, AUTHOR, CONTENT, REASONING,
                ACTIONS, TOOL_IDS, METADATA, createdAt, STATE_DELTA);
    }

    private static RenderedStatement.Values withEvent(RenderedStatement.Values values, Row row) {
        return values.set(ID, row.id()).set(INVOCATION_ID, row.invocationId())
                .set(AGENT_ID, row.agentId()).set(BRANCH, row.branch()).set(AUTHOR, row.author())
                .set(CONTENT, row.content()).set(REASONING, row.reasoning()).set(ACTIONS, row.actions())
                .set(TOOL_IDS, row.toolIds()).set(METADATA, row.metadata()).set(STATE_DELTA, row.storedDelta());
    }

    /** Runs a statement that returns the position, or no row when the session is gone. */
    private static Position position(RenderedStatement.Values values, Connection connection, Returned returned)
            throws SQLException {
        try (PreparedStatement statement = values.prepare(connection); ResultSet result = statement.executeQuery()) {
            if (!result.next()) {
                throw new NoSuchSession();
            }
            return returned.read(result);
        }
    }

    private static void execute(RenderedStatement.Values values, Connection connection, boolean mustChange)
            throws SQLException {
        try (PreparedStatement statement = values.prepare(connection)) {
            if (statement.executeUpdate() == 0 && mustChange) {
                throw new NoSuchSession();
            }
        }
    }

    /** PostgreSQL: one atomic statement. */
    private static final class CteAppender extends Appender {
        private static final Field<Long> SEQ = DSL.field(DSL.name("advanced", "seq"), SESSIONS.LAST_SEQUENCE.getDataType());
        private static final Field<Instant> AT = DSL.field(DSL.name("advanced", "at"), SESSIONS.UPDATED_AT.getDataType());
        private final RenderedStatement statement;
        private final CteStateAppend withState;

        CteAppender(DSLContext dsl, StateStatements state) {
            super(state, true);
            withState = new CteStateAppend(dsl, PK, NOW, EXPECTED,
                    List.of(EVENTS.ID, EVENTS.INVOCATION_ID, EVENTS.AGENT_ID, EVENTS.BRANCH, EVENTS.AUTHOR,
                            EVENTS.CONTENT, EVENTS.REASONING, EVENTS.ACTIONS, EVENTS.LONG_RUNNING_TOOL_IDS,
                            EVENTS.METADATA, EVENTS.STATE_DELTA),
                    List.of(ID, INVOCATION_ID, AGENT_ID, BRANCH, AUTHOR, CONTENT, REASONING, ACTIONS, TOOL_IDS,
                            METADATA, STATE_DELTA));
            var advanced = DSL.name("advanced").fields("seq", "at")
                    .as(advance(dsl).returningResult(SESSIONS.LAST_SEQUENCE, SESSIONS.UPDATED_AT));
            statement = RenderedStatement.of(dsl, dsl.with(advanced)
                    .insertInto(EVENTS, INSERTED)
                    .select(DSL.select(eventValues(SESSION_PK, SEQ, AT)).from(advanced))
                    .returningResult(EVENTS.SEQUENCE, EVENTS.CREATED_AT));
        }

        @Override
        boolean writesState(Row row) {
            return withState.takes(row.delta());
        }

        @Override
        Position run(Connection connection, Row row, boolean alone) throws SQLException {
            if (alone && !row.delta().isEmpty()) {
                return CteStateAppend.run(withEvent(advanceValues(withState.statementFor(row), row), row), connection);
            }
            return position(withEvent(advanceValues(statement.values(), row), row).set(SESSION_PK, row.sessionPk()),
                    connection, POSITION);
        }
    }

    /** SQLite: the update returns the new position, then the insert uses it. */
    private static final class ReturningAppender extends Appender {
        private final RenderedStatement advance;
        private final RenderedStatement insert;

        ReturningAppender(DSLContext dsl, StateStatements state) {
            super(state, false);
            advance = RenderedStatement.of(dsl, advance(dsl).returningResult(SESSIONS.LAST_SEQUENCE, SESSIONS.UPDATED_AT));
            insert = RenderedStatement.of(dsl, dsl.insertInto(EVENTS, INSERTED)
                    .values(eventValues(SESSION_PK, SEQUENCE, CREATED_AT)));
        }

        @Override
        Position run(Connection connection, Row row, boolean alone) throws SQLException {
            Position position = position(advanceValues(advance.values(), row), connection, ADVANCED);
            execute(withEvent(insert.values(), row).set(SESSION_PK, row.sessionPk()).set(SEQUENCE, position.sequence())
                    .set(CREATED_AT, position.createdAt()), connection, false);
            return position;
        }
    }

    /** MariaDB: the update, then an insert that reads the updated row and returns the position. */
    private static final class InsertSelectAppender extends Appender {
        private final RenderedStatement advance;
        private final RenderedStatement insertSelect;

        InsertSelectAppender(DSLContext dsl, StateStatements state) {
            super(state, false);
            advance = RenderedStatement.of(dsl, advance(dsl));
            insertSelect = RenderedStatement.of(dsl, dsl.insertInto(EVENTS, INSERTED)
                    .select(DSL.select(eventValues(SESSIONS.PK, SESSIONS.LAST_SEQUENCE, SESSIONS.UPDATED_AT))
                            .from(SESSIONS).where(SESSIONS.PK.eq(PK)))
                    .returningResult(EVENTS.SEQUENCE, EVENTS.CREATED_AT));
        }

        @Override
        Position run(Connection connection, Row row, boolean alone) throws SQLException {
            execute(advanceValues(advance.values(), row), connection, true);
            return position(withEvent(insertSelect.values(), row).set(PK, row.sessionPk()), connection, POSITION);
        }
    }

    /** MySQL: the update, a read of the updated row, then the insert. */
    private static final class ReadBackAppender extends Appender {
        private final RenderedStatement advance;
        private final RenderedStatement readBack;
        private final RenderedStatement insert;

        ReadBackAppender(DSLContext dsl, StateStatements state) {
            super(state, false);
            advance = RenderedStatement.of(dsl, advance(dsl));
            readBack = RenderedStatement.of(dsl, dsl.select(SESSIONS.LAST_SEQUENCE, SESSIONS.UPDATED_AT)
                    .from(SESSIONS).where(SESSIONS.PK.eq(PK)));
            insert = RenderedStatement.of(dsl, dsl.insertInto(EVENTS, INSERTED)
                    .values(eventValues(SESSION_PK, SEQUENCE, CREATED_AT)));
        }

        @Override
        Position run(Connection connection, Row row, boolean alone) throws SQLException {
            execute(advanceValues(advance.values(), row), connection, true);
            Position position = position(readBack.values().set(PK, row.sessionPk()), connection, ADVANCED);
            execute(withEvent(insert.values(), row).set(SESSION_PK, row.sessionPk()).set(SEQUENCE, position.sequence())
                    .set(CREATED_AT, position.createdAt()), connection, false);
            return position;
        }
    }

    /**
     * MySQL and MariaDB: one call of the append routine, which answers the position, or NULLs when
     * the session is gone or not at the expected sequence.
     */
    private static final class RoutineAppender extends Appender {
        private static final System.Logger LOG = System.getLogger(AppendPlan.class.getName());
        private static final Field<Long> SEQUENCE_OUT = DSL.field(DSL.name("sequence"), EVENTS.SEQUENCE.getDataType());
        private static final Field<Instant> CREATED_AT_OUT =
                DSL.field(DSL.name("created_at"), EVENTS.CREATED_AT.getDataType());
        private static final Columns CALLED = Columns.of(SEQUENCE_OUT, CREATED_AT_OUT);

        private final RenderedStatement alone;
        private final RenderedStatement inTransaction;
        private final RenderedStatement withState;
        private final Appender fallback;
        private final Predicate<SQLException> routineUnavailable;
        private volatile boolean unavailable;
        private volatile boolean stateUnavailable;

        RoutineAppender(DSLContext dsl, StateStatements state, Appender fallback,
                        Predicate<SQLException> routineUnavailable) {
            super(state, true);
            this.fallback = fallback;
            this.routineUnavailable = routineUnavailable;
            List<QueryPart> event = List.of(ID, INVOCATION_ID, AGENT_ID, BRANCH, AUTHOR, CONTENT, REASONING, ACTIONS,
                    TOOL_IDS, METADATA, STATE_DELTA);
            this.alone = RenderedStatement.of(dsl, call(ROUTINE, List.of(PK, NOW, EXPECTED, DSL.inline(true)), event,
                    List.of()));
            this.inTransaction = RenderedStatement.of(dsl, call(ROUTINE, List.of(PK, NOW, EXPECTED, DSL.inline(false)),
                    event, List.of()));
            this.withState = RenderedStatement.of(dsl, call(STATE_ROUTINE, List.of(PK, NOW, EXPECTED), event,
                    List.of(STATE_APP, STATE_USER, SESSION_CHANGES, APP_CHANGES, USER_CHANGES,
                            DSL.inline((long) Limits.MAX_STATE_TIER_BYTES))));
        }

        private static Query call(String routine, List<QueryPart> first, List<QueryPart> event, List<QueryPart> last) {
            List<QueryPart> arguments = new ArrayList<>(first);
            arguments.addAll(event);
            arguments.addAll(last);
            StringBuilder template = new StringBuilder("call ").append(routine).append('(');
            for (int i = 0; i < arguments.size(); i++) {
                template.append(i == 0 ? "" : ", ").append('{').append(i).append('}');
            }
            return DSL.resultQuery(template.append(')').toString(), arguments.toArray(new QueryPart[0]));
        }

        @Override
        boolean writesState(Row row) {
            return !stateUnavailable;
        }

        @Override
        Position append(SqlDatabase database, Row row) {
            if (!unavailable) {
                try {
                    return super.append(database, row);
                } catch (RoutineUnavailable e) {
                    LOG.log(System.Logger.Level.WARNING, "agent-session: " + database.description()
                            + " cannot run " + e.routine + " (" + e.getCause().getMessage() + "); appending with "
                            + (e.routine.equals(ROUTINE) ? "separate statements" : ROUTINE + " and the state"
                            + " statements in a transaction") + " from now on", e.getCause());
                    if (!unavailable) {
                        return super.append(database, row);
                    }
                }
            }
            return fallback.append(database, row);
        }

        @Override
        Position run(Connection connection, Row row, boolean alone) throws SQLException {
            if (alone && !row.delta().isEmpty()) {
                return call(STATE_ROUTINE, withEvent(advanceValues(withState.values(), row), row)
                        .set(STATE_APP, row.appName()).set(STATE_USER, row.userId())
                        .set(SESSION_CHANGES, pairs(row.delta().session())).set(APP_CHANGES, pairs(row.delta().app()))
                        .set(USER_CHANGES, pairs(row.delta().user())), connection);
            }
            RenderedStatement statement = alone ? this.alone : inTransaction;
            return call(ROUTINE, withEvent(advanceValues(statement.values(), row), row), connection);
        }

        /**
         * Calls a routine and reads its answer; a routine that cannot be called is marked so, and
         * not called again.
         */
        private Position call(String routine, RenderedStatement.Values values, Connection connection)
                throws SQLException {
            try (PreparedStatement call = values.prepare(connection); ResultSet result = call.executeQuery()) {
                if (routine.equals(STATE_ROUTINE)) {
                    return appendedWithState(result);
                }
                result.next();
                Long sequence = CALLED.get(result, SEQUENCE_OUT);
                if (sequence == null) {
                    throw new NoSuchSession();
                }
                return new Position(sequence, CALLED.get(result, CREATED_AT_OUT));
            } catch (SQLException e) {
                if (routineUnavailable.test(e)) {
                    if (routine.equals(STATE_ROUTINE)) {
                        stateUnavailable = true;
                    } else {
                        unavailable = true;
                    }
                    throw new RoutineUnavailable(routine, e);
                }
                throw e;
            }
        }

        /** A tier's changes as the routine takes them: {@code [[key, value], ...]} in key order, or null. */
        private static JSONB pairs(Map<String, Object> changes) {
            List<List<Object>> pairs = new ArrayList<>(changes.size());
            changes.forEach((key, value) -> pairs.add(Arrays.asList(key, value)));
            return JsonCodec.list(pairs);
        }
    }

    /**
     * Reads the answer of an append that wrote its state in the same statement: the position, or
     * NULLs and the size of each tier it touched.
     *
     * @throws NoSuchSession if the session is gone or not at the expected sequence
     * @throws IllegalArgumentException if the delta would make a tier too large; nothing was written
     */
    static Position appendedWithState(ResultSet answer) throws SQLException {
        answer.next();
        Long sequence = STATE_ANSWER.get(answer, EVENTS.SEQUENCE);
        if (sequence != null) {
            return new Position(sequence, STATE_ANSWER.get(answer, EVENTS.CREATED_AT));
        }
        StateStatements.checkSizes("stateDelta", answer, STATE_ANSWER);
        throw new NoSuchSession();
    }

    /** Thrown inside an append when a routine cannot be called: nothing was written. */
    private static final class RoutineUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String routine;

        RoutineUnavailable(String routine, SQLException cause) {
            super(cause.getMessage(), cause, false, false);
            this.routine = routine;
        }
    }
}
