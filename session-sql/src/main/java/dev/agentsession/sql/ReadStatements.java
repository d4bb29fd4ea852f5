package dev.agentsession.sql;

import static dev.agentsession.sql.schema.Tables.APP_STATE;
import static dev.agentsession.sql.schema.Tables.EVENTS;
import static dev.agentsession.sql.schema.Tables.SESSIONS;
import static dev.agentsession.sql.schema.Tables.SESSION_STATE;
import static dev.agentsession.sql.schema.Tables.USER_STATE;

import dev.agentsession.Event;
import dev.agentsession.internal.StateDelta;
import dev.agentsession.sql.spi.Columns;
import dev.agentsession.sql.spi.Dialect;
import dev.agentsession.sql.spi.EventColumns;
import dev.agentsession.sql.spi.JsonCodec;
import dev.agentsession.sql.spi.RenderedStatement;
import dev.agentsession.sql.spi.SessionRead;
import dev.agentsession.sql.spi.SessionRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SelectConditionStep;
import org.jooq.SelectSeekStep2;
import org.jooq.impl.DSL;

/**
 * The reads that programs repeat on every turn (a session with its state, a user's sessions with
 * theirs, the recent events, the pages of a stream), built with jOOQ on the generated tables and
 * rendered once, then run as prepared statements and mapped through the generated fields
 * ({@link Columns}).
 *
 * <p>A session and its state come back in one statement, one round trip: the session's row (part 0),
 * its own state rows (part 1), the app tier (part 2) and the user tier (part 3) in a {@code UNION
 * ALL}, so the snapshot and its state are read at one moment. A list reads its sessions
 * straight from the list index, then their state rows and the two tiers in a second statement, by up
 * to {@value #STATE_BATCH} sessions at a time: its state is read just after its rows (one statement
 * for both measured slower, see the benchmarks).
 *
 * <p>A dialect may read one session its own way ({@link Dialect#sessionRead}), where the union is
 * not the fastest on its database.
 */
final class ReadStatements {

    private static final Field<Integer> PART = DSL.field(DSL.name("part"), Integer.class);
    /** The parts of a read with state: session rows (with their own keys, in a get), own keys, the tiers. */
    private static final int SESSION_PART = 0;
    private static final int OWN_PART = 1;
    private static final int APP_PART = 2;
    private static final int USER_PART = 3;

    private static final List<Field<?>> SESSION_FIELDS = SessionRow.FIELDS;

    private static final Columns SESSION = Columns.of(PART, SESSIONS.PK, SESSIONS.ID, SESSIONS.APP_NAME,
            SESSIONS.USER_ID, SESSIONS.AGENT_ID, SESSIONS.METADATA, SESSIONS.CREATED_AT, SESSIONS.UPDATED_AT,
            SESSIONS.LAST_SEQUENCE, SESSION_STATE.STATE_KEY, SESSION_STATE.STATE_VALUE);

    private static final Columns EVENT = EventColumns.READ;

    private static final Param<String> APP = DSL.param("app", SESSIONS.APP_NAME);
    private static final Param<String> USER = DSL.param("user", SESSIONS.USER_ID);
    private static final Param<String> ID = DSL.param("id", SESSIONS.ID);
    private static final Param<String> OWN_APP = DSL.param("own_app", SESSIONS.APP_NAME);
    private static final Param<String> OWN_USER = DSL.param("own_user", SESSIONS.USER_ID);
    private static final Param<String> OWN_ID = DSL.param("own_id", SESSIONS.ID);
    private static final Param<Integer> LIST_LIMIT = DSL.param("list_limit", Integer.class);
    private static final Param<String> APP_TIER = DSL.param("app_tier", APP_STATE.APP_NAME);
    private static final Param<String> USER_TIER_APP = DSL.param("user_tier_app", USER_STATE.APP_NAME);
    private static final Param<String> USER_TIER_USER = DSL.param("user_tier_user", USER_STATE.USER_ID);

    private static final Param<Long> PK = DSL.param("pk", EVENTS.SESSION_PK);
    private static final Param<Long> AFTER = DSL.param("after", EVENTS.SEQUENCE);
    private static final Param<Integer> LIMIT = DSL.param("limit", Integer.class);
    private static final Param<Instant> NOT_BEFORE = DSL.param("not_before", EVENTS.CREATED_AT);
    private static final Param<String> EVENT_ID = DSL.param("event_id", EVENTS.ID);
    private static final Param<Long> SESSION_PK = DSL.param("session_pk", SESSIONS.PK);
    private static final Columns LAST_SEQUENCE = Columns.of(SESSIONS.LAST_SEQUENCE);

    /** Sessions whose own state rows one statement of a list reads. */
    static final int STATE_BATCH = 50;

    private static final Columns LISTED = Columns.of(SESSION_FIELDS.toArray(new Field<?>[0]));
    private static final Columns STATE_ROWS = Columns.of(PART, SESSION_STATE.SESSION_PK, SESSION_STATE.STATE_KEY,
            SESSION_STATE.STATE_VALUE);
    private static final List<Param<Long>> OWNERS = IntStream.range(0, STATE_BATCH)
            .mapToObj(i -> DSL.param("owner_" + i, SESSION_STATE.SESSION_PK)).toList();
    /** A session key no session has: fills the unused places of a batch. */
    private static final long NO_SESSION = -1;

    private final RenderedStatement session;
    /** The dialect's own read of a session, or null for {@link #session}. */
    private final SessionRead dialectRead;
    private final RenderedStatement list;
    private final LimitedStatements listLimited;
    private final RenderedStatement statesOf;
    private final RenderedStatement eventsAll;
    private final LimitedStatements eventsLast;
    /** The last events of a whole session: without {@code sequence > ?}, which MariaDB plans as a range each time. */
    private final LimitedStatements eventsLastOfAll;
    private final LimitedStatements eventsFirst;
    private final RenderedStatement eventsAllSince;
    private final LimitedStatements eventsLastSince;
    private final RenderedStatement eventById;
    private final RenderedStatement lastSequence;

    /**
     * @param dsl the store's context
     * @param dialectRead the dialect's own read of one session, or null for the core's
     */
    ReadStatements(DSLContext dsl, SessionRead dialectRead) {
        // jOOQ's query builders are mutable: each statement starts from a select of its own
        this.dialectRead = dialectRead;
        this.session = RenderedStatement.of(dsl, withState(dsl));
        this.list = RenderedStatement.of(dsl, newestFirst(dsl));
        this.listLimited = new LimitedStatements(dsl, LIST_LIMIT, n -> newestFirst(dsl).limit(n));
        this.statesOf = RenderedStatement.of(dsl, dsl.select(List.<Field<?>>of(DSL.inline(OWN_PART).as(PART),
                        SESSION_STATE.SESSION_PK, SESSION_STATE.STATE_KEY, SESSION_STATE.STATE_VALUE))
                .from(SESSION_STATE).where(SESSION_STATE.SESSION_PK.in(OWNERS))
                .unionAll(dsl.select(List.<Field<?>>of(DSL.inline(APP_PART), none(), APP_STATE.STATE_KEY,
                                APP_STATE.STATE_VALUE))
                        .from(APP_STATE).where(APP_STATE.APP_NAME.eq(APP_TIER)))
                .unionAll(dsl.select(List.<Field<?>>of(DSL.inline(USER_PART), none(), USER_STATE.STATE_KEY,
                                USER_STATE.STATE_VALUE))
                        .from(USER_STATE).where(USER_STATE.APP_NAME.eq(USER_TIER_APP))
                        .and(USER_STATE.USER_ID.eq(USER_TIER_USER))));
        this.eventsAll = RenderedStatement.of(dsl, eventsAfter(dsl).orderBy(EVENTS.SEQUENCE.asc()));
        this.eventsLast = new LimitedStatements(dsl, LIMIT,
                n -> eventsAfter(dsl).orderBy(EVENTS.SEQUENCE.desc()).limit(n));
        this.eventsLastOfAll = new LimitedStatements(dsl, LIMIT,
                n -> ofSession(dsl).orderBy(EVENTS.SEQUENCE.desc()).limit(n));
        this.eventsFirst = new LimitedStatements(dsl, LIMIT,
                n -> eventsAfter(dsl).orderBy(EVENTS.SEQUENCE.asc()).limit(n));
        this.eventsAllSince = RenderedStatement.of(dsl, eventsAfter(dsl).and(EVENTS.CREATED_AT.ge(NOT_BEFORE))
                .orderBy(EVENTS.SEQUENCE.asc()));
        this.eventsLastSince = new LimitedStatements(dsl, LIMIT,
                n -> eventsAfter(dsl).and(EVENTS.CREATED_AT.ge(NOT_BEFORE)).orderBy(EVENTS.SEQUENCE.desc()).limit(n));
        this.eventById = RenderedStatement.of(dsl, dsl.select(EVENT.fields()).from(EVENTS)
                .where(EVENTS.SESSION_PK.eq(PK)).and(EVENTS.ID.eq(EVENT_ID)));
        this.lastSequence = RenderedStatement.of(dsl, dsl.select(SESSIONS.LAST_SEQUENCE).from(SESSIONS)
                .where(SESSIONS.PK.eq(SESSION_PK)));
    }

    /** @return every statement these reads send, by name, for the golden SQL files */
    Map<String, String> statements() {
        Map<String, String> statements = new LinkedHashMap<>();
        if (dialectRead != null) {
            statements.putAll(dialectRead.statements());
        } else {
            statements.put("get: a session with its state", session.sql());
        }
        statements.put("list: a user's sessions", list.sql());
        listLimited.describe("list: a user's newest sessions", statements);
        statements.put("list: the state of up to " + STATE_BATCH + " sessions and their tiers", statesOf.sql());
        statements.put("events: all after a sequence", eventsAll.sql());
        eventsLast.describe("events: the last after a sequence", statements);
        eventsLastOfAll.describe("events: the last", statements);
        eventsFirst.describe("events: a page after a sequence", statements);
        statements.put("events: all after a sequence and a time", eventsAllSince.sql());
        eventsLastSince.describe("events: the last after a sequence and a time", statements);
        statements.put("events: one by id", eventById.sql());
        statements.put("events: the session's last sequence", lastSequence.sql());
        return statements;
    }

    /** A user's sessions, newest first, straight from the list index. */
    private static SelectSeekStep2<Record, Instant, String> newestFirst(DSLContext dsl) {
        return dsl.select(SESSION_FIELDS).from(SESSIONS)
                .where(SESSIONS.APP_NAME.eq(APP)).and(SESSIONS.USER_ID.eq(USER))
                .orderBy(SESSIONS.UPDATED_AT.desc(), SESSIONS.ID.asc());
    }

    /**
     * The session's row as part 0, its own state rows (each with its session's key in the key
     * column) as part 1, the app tier as part 2 and the user tier as part 3, in no particular order.
     * The own rows find their session with a scalar subquery rather than a join: SQLite (built with
     * STAT4) marks a joined statement as depending on its bound values and plans it again whenever
     * they change, which cost more than running it.
     */
    private static ResultQuery<Record> withState(DSLContext dsl) {
        List<Field<?>> sessionPart = new ArrayList<>();
        sessionPart.add(DSL.inline(SESSION_PART).as(PART));
        sessionPart.addAll(SESSION_FIELDS);
        sessionPart.add(none());
        sessionPart.add(none());
        List<Field<?>> ownPart = new ArrayList<>();
        ownPart.add(DSL.inline(OWN_PART));
        ownPart.add(SESSION_STATE.SESSION_PK);
        for (int i = 1; i < SESSION_FIELDS.size(); i++) {
            ownPart.add(none());
        }
        ownPart.add(SESSION_STATE.STATE_KEY);
        ownPart.add(SESSION_STATE.STATE_VALUE);
        var union = dsl.select(sessionPart).from(SESSIONS)
                .where(SESSIONS.APP_NAME.eq(APP)).and(SESSIONS.USER_ID.eq(USER)).and(SESSIONS.ID.eq(ID))
                .unionAll(dsl.select(ownPart).from(SESSION_STATE)
                        .where(SESSION_STATE.SESSION_PK.eq(dsl.select(SESSIONS.PK).from(SESSIONS)
                                .where(SESSIONS.APP_NAME.eq(OWN_APP)).and(SESSIONS.USER_ID.eq(OWN_USER))
                                .and(SESSIONS.ID.eq(OWN_ID)))))
                .unionAll(dsl.select(statePart(APP_PART, APP_STATE.STATE_KEY, APP_STATE.STATE_VALUE))
                        .from(APP_STATE).where(APP_STATE.APP_NAME.eq(APP_TIER)))
                .unionAll(dsl.select(statePart(USER_PART, USER_STATE.STATE_KEY, USER_STATE.STATE_VALUE))
                        .from(USER_STATE).where(USER_STATE.APP_NAME.eq(USER_TIER_APP))
                        .and(USER_STATE.USER_ID.eq(USER_TIER_USER)));
        // no ORDER BY: rows are filed by their part, in whatever order they come (SQLite sorted each
        // tier into a temporary b-tree first, which cost more than reading the rows)
        return union;
    }

    /**
     * An untyped SQL NULL: each database takes the column's type from the other parts of the
     * union (a typed {@code cast(null as json)} is a syntax error on MariaDB).
     */
    private static Field<Object> none() {
        return DSL.inline((Object) null);
    }

    /** A tier's select list: the session columns empty. */
    private static List<Field<?>> statePart(int part, Field<String> key, Field<JSONB> value) {
        List<Field<?>> fields = new ArrayList<>();
        fields.add(DSL.inline(part));
        for (int i = 0; i < SESSION_FIELDS.size(); i++) {
            fields.add(none());
        }
        fields.add(key);
        fields.add(value);
        return fields;
    }

    private static SelectConditionStep<Record> eventsAfter(DSLContext dsl) {
        return ofSession(dsl).and(EVENTS.SEQUENCE.gt(AFTER));
    }

    private static SelectConditionStep<Record> ofSession(DSLContext dsl) {
        return dsl.select(EVENT.fields()).from(EVENTS).where(EVENTS.SESSION_PK.eq(PK));
    }

    /** @return the session with its state, or null where the scope holds none with that id */
    SessionRow session(Connection connection, String app, String user, String id) throws SQLException {
        if (dialectRead != null) {
            return dialectRead.read(connection, app, user, id);
        }
        List<SessionRow> rows = sessionsWithState(connection, tiers(session.values().set(ID, id), app, user)
                .set(OWN_APP, app).set(OWN_USER, user).set(OWN_ID, id));
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** @return the user's sessions with their state, newest first; all of them for a limit of 0 */
    List<SessionRow> list(Connection connection, String app, String user, int limit) throws SQLException {
        RenderedStatement.Values values = (limit == 0 ? list.values() : listLimited.values(limit))
                .set(APP, app).set(USER, user);
        Snapshots snapshots = new Snapshots();
        try (PreparedStatement statement = values.prepare(connection); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                snapshots.session(sessionRow(rows, LISTED));
            }
        }
        List<Long> keys = new ArrayList<>(snapshots.sessions.keySet());
        for (int from = 0; from < keys.size(); from += STATE_BATCH) {
            // the tiers come with the first batch; later batches name an app that cannot exist (no
            // name is blank), so they read only their sessions' own state
            String tierApp = from == 0 ? app : "";
            RenderedStatement.Values batch = statesOf.values().set(APP_TIER, tierApp).set(USER_TIER_APP, tierApp)
                    .set(USER_TIER_USER, user);
            for (int i = 0; i < STATE_BATCH; i++) {
                batch.set(OWNERS.get(i), from + i < keys.size() ? keys.get(from + i) : NO_SESSION);
            }
            try (PreparedStatement statement = batch.prepare(connection); ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    snapshots.state(STATE_ROWS.get(rows, PART), STATE_ROWS.get(rows, SESSION_STATE.SESSION_PK),
                            STATE_ROWS.get(rows, SESSION_STATE.STATE_KEY),
                            STATE_ROWS.get(rows, SESSION_STATE.STATE_VALUE));
                }
            }
        }
        return snapshots.rows();
    }

    private static RenderedStatement.Values tiers(RenderedStatement.Values values, String app, String user) {
        return values.set(APP, app).set(USER, user).set(APP_TIER, app).set(USER_TIER_APP, app)
                .set(USER_TIER_USER, user);
    }

    private static ResultSetRow sessionRow(ResultSet rows, Columns columns) throws SQLException {
        return new ResultSetRow(columns.get(rows, SESSIONS.PK), columns.get(rows, SESSIONS.ID),
                columns.get(rows, SESSIONS.APP_NAME), columns.get(rows, SESSIONS.USER_ID),
                columns.get(rows, SESSIONS.AGENT_ID), columns.get(rows, SESSIONS.METADATA),
                columns.get(rows, SESSIONS.CREATED_AT), columns.get(rows, SESSIONS.UPDATED_AT),
                columns.get(rows, SESSIONS.LAST_SEQUENCE));
    }

    /** The columns of a session row. */
    private record ResultSetRow(long pk, String id, String appName, String userId, String agentId,
                                JSONB metadata, Instant createdAt, Instant updatedAt, long lastSequence) {

        /** @return the session as read, its metadata decoded and its state the three tiers' view */
        SessionRow withState(Map<String, Object> own, Map<String, Object> app, Map<String, Object> user) {
            return new SessionRow(pk, id, appName, userId, agentId, JsonCodec.readObject(metadata), createdAt,
                    updatedAt, lastSequence, StateDelta.view(own, app, user));
        }
    }

    /** The sessions of one read, in order, and the state rows that arrive for them. */
    private static final class Snapshots {
        private final Map<Long, ResultSetRow> sessions = new LinkedHashMap<>();
        private final Map<Long, Map<String, Object>> own = new HashMap<>();
        private final Map<String, Object> app = new TreeMap<>();
        private final Map<String, Object> user = new TreeMap<>();

        void session(ResultSetRow row) {
            sessions.putIfAbsent(row.pk(), row);
        }

        /** Files a state row under its part; the own state of a session by its key. */
        void state(int part, Long sessionPk, String key, JSONB value) {
            Object read = JsonCodec.readValue(value);
            if (part == APP_PART) {
                app.put(key, read);
            } else if (part == USER_PART) {
                user.put(key, read);
            } else {
                own.computeIfAbsent(sessionPk, pk -> new TreeMap<>()).put(key, read);
            }
        }

        List<SessionRow> rows() {
            List<SessionRow> result = new ArrayList<>(sessions.size());
            for (ResultSetRow row : sessions.values()) {
                result.add(row.withState(own.getOrDefault(row.pk(), Map.of()), app, user));
            }
            return result;
        }
    }

    private static List<SessionRow> sessionsWithState(Connection connection, RenderedStatement.Values values)
            throws SQLException {
        Snapshots snapshots = new Snapshots();
        try (PreparedStatement statement = values.prepare(connection); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                int part = SESSION.get(rows, PART);
                String key = SESSION.get(rows, SESSION_STATE.STATE_KEY);
                Long sessionPk = null;
                if (part == SESSION_PART) {
                    ResultSetRow row = sessionRow(rows, SESSION);
                    snapshots.session(row);
                    sessionPk = row.pk();
                } else if (part == OWN_PART) {
                    sessionPk = SESSION.get(rows, SESSIONS.PK);
                }
                if (key != null) {
                    snapshots.state(part, sessionPk, key, SESSION.get(rows, SESSION_STATE.STATE_VALUE));
                }
            }
        }
        return snapshots.rows();
    }

    /**
     * @return the events after a sequence (and written at or after {@code notBefore} unless it is
     *     null), oldest first: all, or only the most recent {@code limit}
     */
    List<Event> events(Connection connection, String sessionId, long pk, long after, Instant notBefore, int limit)
            throws SQLException {
        RenderedStatement.Values values;
        if (notBefore != null) {
            values = (limit == 0 ? eventsAllSince.values() : eventsLastSince.values(limit)).set(NOT_BEFORE, notBefore)
                    .set(AFTER, after);
        } else if (limit == 0) {
            values = eventsAll.values().set(AFTER, after);
        } else if (after == 0) {
            values = eventsLastOfAll.values(limit);
        } else {
            values = eventsLast.values(limit).set(AFTER, after);
        }
        values.set(PK, pk);
        List<Event> events = read(connection, values, sessionId);
        if (limit != 0) {
            Collections.reverse(events);
        }
        return Collections.unmodifiableList(events);
    }

    /** @return at most {@code size} events after a sequence, oldest first */
    List<Event> page(Connection connection, String sessionId, long pk, long after, int size) throws SQLException {
        return Collections.unmodifiableList(read(connection,
                eventsFirst.values(size).set(PK, pk).set(AFTER, after), sessionId));
    }

    /** @return the session's event with this id, or null */
    Event event(Connection connection, String sessionId, long pk, String id) throws SQLException {
        List<Event> events = read(connection, eventById.values().set(PK, pk).set(EVENT_ID, id), sessionId);
        return events.isEmpty() ? null : events.get(0);
    }

    /** @return the session's last sequence, or null if it is gone */
    Long lastSequence(Connection connection, long pk) throws SQLException {
        try (PreparedStatement statement = lastSequence.values().set(SESSION_PK, pk).prepare(connection);
             ResultSet row = statement.executeQuery()) {
            return row.next() ? LAST_SEQUENCE.get(row, SESSIONS.LAST_SEQUENCE) : null;
        }
    }

    private static List<Event> read(Connection connection, RenderedStatement.Values values, String sessionId)
            throws SQLException {
        try (PreparedStatement statement = values.prepare(connection); ResultSet rows = statement.executeQuery()) {
            List<Event> events = new ArrayList<>();
            while (rows.next()) {
                events.add(EventColumns.read(rows, sessionId));
            }
            return events;
        }
    }
}
