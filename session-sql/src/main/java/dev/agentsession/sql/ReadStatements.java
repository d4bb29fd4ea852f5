package dev.agentsession.sql;

import static dev.agentsession.sql.schema.Tables.EVENTS;
import static dev.agentsession.sql.schema.Tables.SESSIONS;

import dev.agentsession.Event;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.SelectConditionStep;
import org.jooq.SelectSeekStep2;
import org.jooq.impl.DSL;

/**
 * The reads that programs repeat on every turn (a session, a user's sessions, the recent events,
 * the pages of a stream), built with jOOQ on the generated tables and rendered once, then run as
 * prepared statements and mapped through the generated fields ({@link Columns}).
 */
final class ReadStatements {

    /** A stored session's row, in the generated fields' types. */
    record SessionRow(long pk, String id, String appName, String userId, String agentId,
                      Map<String, Object> metadata, Instant createdAt, Instant updatedAt) {
    }

    private static final Columns SESSION = Columns.of(SESSIONS.PK, SESSIONS.ID, SESSIONS.APP_NAME,
            SESSIONS.USER_ID, SESSIONS.AGENT_ID, SESSIONS.METADATA, SESSIONS.CREATED_AT, SESSIONS.UPDATED_AT);

    private static final Columns EVENT = Columns.of(EVENTS.ID, EVENTS.SEQUENCE, EVENTS.INVOCATION_ID,
            EVENTS.AGENT_ID, EVENTS.BRANCH, EVENTS.AUTHOR, EVENTS.CONTENT, EVENTS.REASONING, EVENTS.ACTIONS,
            EVENTS.LONG_RUNNING_TOOL_IDS, EVENTS.METADATA, EVENTS.CREATED_AT);

    private static final Param<String> APP = DSL.param("app", SESSIONS.APP_NAME);
    private static final Param<String> USER = DSL.param("user", SESSIONS.USER_ID);
    private static final Param<String> ID = DSL.param("id", SESSIONS.ID);
    private static final Param<Long> PK = DSL.param("pk", EVENTS.SESSION_PK);
    private static final Param<Long> AFTER = DSL.param("after", EVENTS.SEQUENCE);
    private static final Param<Integer> LIMIT = DSL.param("limit", Integer.class);

    private final RenderedStatement session;
    private final RenderedStatement list;
    private final RenderedStatement listLimited;
    private final RenderedStatement eventsAll;
    private final RenderedStatement eventsLast;
    private final RenderedStatement eventsFirst;

    ReadStatements(DSLContext dsl) {
        // jOOQ's query builders are mutable: each statement starts from a select of its own
        this.session = RenderedStatement.of(dsl, dsl.select(SESSION.fields()).from(SESSIONS)
                .where(SESSIONS.APP_NAME.eq(APP)).and(SESSIONS.USER_ID.eq(USER)).and(SESSIONS.ID.eq(ID)));
        this.list = RenderedStatement.of(dsl, newestFirst(dsl));
        this.listLimited = RenderedStatement.of(dsl, newestFirst(dsl).limit(LIMIT));
        this.eventsAll = RenderedStatement.of(dsl, eventsAfter(dsl).orderBy(EVENTS.SEQUENCE.asc()));
        this.eventsLast = RenderedStatement.of(dsl, eventsAfter(dsl).orderBy(EVENTS.SEQUENCE.desc()).limit(LIMIT));
        this.eventsFirst = RenderedStatement.of(dsl, eventsAfter(dsl).orderBy(EVENTS.SEQUENCE.asc()).limit(LIMIT));
    }

    private static SelectSeekStep2<Record, Instant, String> newestFirst(DSLContext dsl) {
        return dsl.select(SESSION.fields()).from(SESSIONS)
                .where(SESSIONS.APP_NAME.eq(APP)).and(SESSIONS.USER_ID.eq(USER))
                .orderBy(SESSIONS.UPDATED_AT.desc(), SESSIONS.ID.asc());
    }

    private static SelectConditionStep<Record> eventsAfter(DSLContext dsl) {
        return dsl.select(EVENT.fields()).from(EVENTS)
                .where(EVENTS.SESSION_PK.eq(PK)).and(EVENTS.SEQUENCE.gt(AFTER));
    }

    /** @return the session, or null where the scope holds none with that id */
    SessionRow session(Connection connection, String app, String user, String id) throws SQLException {
        try (PreparedStatement statement = session.values().set(APP, app).set(USER, user).set(ID, id)
                .prepare(connection);
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? sessionRow(rows) : null;
        }
    }

    /** @return the user's sessions, newest first; all of them for a limit of 0 */
    List<SessionRow> list(Connection connection, String app, String user, int limit) throws SQLException {
        RenderedStatement.Values values = limit == 0
                ? list.values().set(APP, app).set(USER, user)
                : listLimited.values().set(APP, app).set(USER, user).set(LIMIT, limit);
        try (PreparedStatement statement = values.prepare(connection); ResultSet rows = statement.executeQuery()) {
            List<SessionRow> sessions = new ArrayList<>();
            while (rows.next()) {
                sessions.add(sessionRow(rows));
            }
            return sessions;
        }
    }

    /** @return the events after a sequence, oldest first: all, or only the most recent {@code limit} */
    List<Event> events(Connection connection, String sessionId, long pk, long after, int limit) throws SQLException {
        RenderedStatement.Values values = limit == 0
                ? eventsAll.values().set(PK, pk).set(AFTER, after)
                : eventsLast.values().set(PK, pk).set(AFTER, after).set(LIMIT, limit);
        List<Event> events = read(connection, values, sessionId);
        if (limit != 0) {
            Collections.reverse(events);
        }
        return Collections.unmodifiableList(events);
    }

    /** @return at most {@code size} events after a sequence, oldest first */
    List<Event> page(Connection connection, String sessionId, long pk, long after, int size) throws SQLException {
        return Collections.unmodifiableList(read(connection,
                eventsFirst.values().set(PK, pk).set(AFTER, after).set(LIMIT, size), sessionId));
    }

    private static List<Event> read(Connection connection, RenderedStatement.Values values, String sessionId)
            throws SQLException {
        try (PreparedStatement statement = values.prepare(connection); ResultSet rows = statement.executeQuery()) {
            List<Event> events = new ArrayList<>();
            while (rows.next()) {
                events.add(event(rows, sessionId));
            }
            return events;
        }
    }

    private static SessionRow sessionRow(ResultSet row) throws SQLException {
        return new SessionRow(SESSION.get(row, SESSIONS.PK), SESSION.get(row, SESSIONS.ID),
                SESSION.get(row, SESSIONS.APP_NAME), SESSION.get(row, SESSIONS.USER_ID),
                SESSION.get(row, SESSIONS.AGENT_ID), JsonCodec.readObject(SESSION.get(row, SESSIONS.METADATA)),
                SESSION.get(row, SESSIONS.CREATED_AT), SESSION.get(row, SESSIONS.UPDATED_AT));
    }

    private static Event event(ResultSet row, String sessionId) throws SQLException {
        return new Event(EVENT.get(row, EVENTS.ID), sessionId, EVENT.get(row, EVENTS.SEQUENCE),
                EVENT.get(row, EVENTS.INVOCATION_ID), EVENT.get(row, EVENTS.AGENT_ID), EVENT.get(row, EVENTS.BRANCH),
                EVENT.get(row, EVENTS.AUTHOR), EVENT.get(row, EVENTS.CONTENT), EVENT.get(row, EVENTS.REASONING),
                JsonCodec.readActions(EVENT.get(row, EVENTS.ACTIONS)),
                JsonCodec.readStrings(EVENT.get(row, EVENTS.LONG_RUNNING_TOOL_IDS)),
                JsonCodec.parseObject(EVENT.get(row, EVENTS.METADATA)), EVENT.get(row, EVENTS.CREATED_AT));
    }
}
