package dev.agentsession.mysql;

import static dev.agentsession.sql.schema.Tables.EVENTS;
import static dev.agentsession.sql.schema.Tables.SESSIONS;

import dev.agentsession.Limits;
import dev.agentsession.internal.StateDelta;
import dev.agentsession.sql.spi.AppendPosition;
import dev.agentsession.sql.spi.AppendRow;
import dev.agentsession.sql.spi.Appender;
import dev.agentsession.sql.spi.Columns;
import dev.agentsession.sql.spi.EventColumns;
import dev.agentsession.sql.spi.JsonCodec;
import dev.agentsession.sql.spi.NoSuchSession;
import dev.agentsession.sql.spi.RenderedStatement;
import dev.agentsession.sql.spi.SqlDatabase;
import dev.agentsession.sql.spi.StateStatements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.QueryPart;
import org.jooq.impl.DSL;

/**
 * MySQL's and MariaDB's append: one call of the stored procedure {@value #ROUTINE} that the
 * migrations create, so the update, the insert and, in auto-commit, the transaction around them
 * run inside the server, one round trip. It answers the position, or NULLs when the session is
 * gone or not at the expected sequence. An append whose delta changes state is one call of
 * {@value #STATE_ROUTINE}, which also writes the tiers' keys and checks their sizes.
 *
 * <p>The routines take the event's values in {@link EventColumns#PAYLOAD} order after their own
 * arguments. Where a routine is missing or the store's user may not run it (a schema made
 * elsewhere, a dump restored without routines, no {@code EXECUTE} right), the store says so once
 * in the log and for good appends without it: without {@value #STATE_ROUTINE}, by
 * {@value #ROUTINE} and the state statements in one transaction; without {@value #ROUTINE}, by the
 * fallback appender.
 */
final class RoutineAppender extends Appender {

    /** The append routine. */
    static final String ROUTINE = "agent_session_append";
    /** The append routine for an append whose delta changes state. */
    static final String STATE_ROUTINE = "agent_session_append_with_state";

    private static final System.Logger LOG = System.getLogger(RoutineAppender.class.getName());
    private static final Field<Long> SEQUENCE_OUT = DSL.field(DSL.name("sequence"), EVENTS.SEQUENCE.getDataType());
    private static final Field<Instant> CREATED_AT_OUT = DSL.field(DSL.name("created_at"),
            EVENTS.CREATED_AT.getDataType());
    private static final Columns CALLED = Columns.of(SEQUENCE_OUT, CREATED_AT_OUT);

    private static final Param<String> STATE_APP = DSL.param("state_app", SESSIONS.APP_NAME);
    private static final Param<String> STATE_USER = DSL.param("state_user", SESSIONS.USER_ID);
    private static final Param<JSONB> SESSION_CHANGES = DSL.param("session_changes", EVENTS.STATE_DELTA);
    private static final Param<JSONB> APP_CHANGES = DSL.param("app_changes", EVENTS.STATE_DELTA);
    private static final Param<JSONB> USER_CHANGES = DSL.param("user_changes", EVENTS.STATE_DELTA);

    private final RenderedStatement alone;
    private final RenderedStatement inTransaction;
    private final RenderedStatement withState;
    private final Appender fallback;
    private final Predicate<SQLException> routineUnavailable;
    private volatile boolean unavailable;
    private volatile boolean stateUnavailable;

    /**
     * @param dsl the store's context
     * @param state the store's state statements
     * @param fallback the append without the routine
     * @param routineUnavailable tells from a failed call that the routine is missing or denied
     */
    RoutineAppender(DSLContext dsl, StateStatements state, Appender fallback,
            Predicate<SQLException> routineUnavailable) {
        super(state, true);
        this.fallback = fallback;
        this.routineUnavailable = routineUnavailable;
        List<QueryPart> event = new ArrayList<>(EventColumns.payloadParams());
        this.alone = RenderedStatement.of(dsl, call(ROUTINE, List.of(PK, NOW, EXPECTED, DSL.inline(true)), event,
                List.of()));
        this.inTransaction = RenderedStatement.of(dsl, call(ROUTINE, List.of(PK, NOW, EXPECTED, DSL.inline(false)),
                event, List.of()));
        this.withState = RenderedStatement.of(dsl, call(STATE_ROUTINE, List.of(PK, NOW, EXPECTED), event,
                List.of(STATE_APP, STATE_USER, SESSION_CHANGES, APP_CHANGES, USER_CHANGES,
                        DSL.inline((long) Limits.MAX_STATE_TIER_BYTES))));
    }

    /**
     * The parameters a routine declares, by name and in order, as the calls here bind them: its
     * leading ones, then {@code p_} and each {@link EventColumns#PAYLOAD} column's name, then its
     * trailing ones. A test compares them with the server's {@code information_schema.PARAMETERS}.
     *
     * @param routine {@value #ROUTINE} or {@value #STATE_ROUTINE}
     * @return the parameters' names
     */
    static List<String> parameters(String routine) {
        List<String> names = new ArrayList<>(List.of("p_session_pk", "p_now", "p_expected"));
        if (routine.equals(ROUTINE)) {
            names.add("p_own_transaction");
        }
        for (EventColumns.Column<?> column : EventColumns.PAYLOAD) {
            names.add("p_" + column.field().getName());
        }
        if (routine.equals(STATE_ROUTINE)) {
            names.addAll(List.of("p_app_name", "p_user_id", "p_session_changes", "p_app_changes", "p_user_changes",
                    "p_max_tier_size"));
        }
        return names;
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
    protected boolean writesState(AppendRow row) {
        return !stateUnavailable;
    }

    @Override
    public AppendPosition append(SqlDatabase database, AppendRow row) {
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
    protected AppendPosition run(Connection connection, AppendRow row, boolean alone) throws SQLException {
        if (alone && !row.delta().isEmpty()) {
            return call(STATE_ROUTINE, bindAdvanceAndEvent(withState.values(), row)
                    .set(STATE_APP, row.appName()).set(STATE_USER, row.userId())
                    .set(SESSION_CHANGES, changes(row.delta().session()))
                    .set(APP_CHANGES, changes(row.delta().app())).set(USER_CHANGES, changes(row.delta().user())), connection);
        }
        RenderedStatement statement = alone ? this.alone : inTransaction;
        return call(ROUTINE, bindAdvanceAndEvent(statement.values(), row), connection);
    }

    /**
     * Calls a routine and reads its answer; a routine that cannot be called is marked so, and
     * not called again.
     */
    private AppendPosition call(String routine, RenderedStatement.Values values, Connection connection)
            throws SQLException {
        try (PreparedStatement call = values.prepare(connection); ResultSet result = call.executeQuery()) {
            if (routine.equals(STATE_ROUTINE)) {
                return StateStatements.appendedWithState(result);
            }
            result.next();
            Long sequence = CALLED.get(result, SEQUENCE_OUT);
            if (sequence == null) {
                throw new NoSuchSession();
            }
            return new AppendPosition(sequence, CALLED.get(result, CREATED_AT_OUT));
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

    /**
     * A tier's changes as the routine takes them, or null for none, in key order: {@code [key,
     * value, entry bytes]} for a key set ({@link StateDelta#entryBytes}), {@code [key, null]} for a
     * key removed.
     */
    private static JSONB changes(Map<String, Object> changes) {
        List<List<Object>> entries = new ArrayList<>(changes.size());
        changes.forEach((key, value) -> entries.add(value == null ? Arrays.asList(key, null)
                : List.of(key, value, StateDelta.entryBytes(key, value))));
        return JsonCodec.list(entries);
    }

    @Override
    public Map<String, String> statements() {
        Map<String, String> statements = new LinkedHashMap<>();
        statements.put("append: one call of the routine, in auto-commit", alone.sql());
        statements.put("append: one call of the routine, in the store's transaction", inTransaction.sql());
        statements.put("append with state: one call of the state routine", withState.sql());
        fallback.statements().forEach((name, sql) -> statements.put("without the routine, " + name, sql));
        return statements;
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
