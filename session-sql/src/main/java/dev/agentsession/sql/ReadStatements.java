package dev.agentsession.sql;

import static dev.agentsession.sql.schema.Tables.EVENTS;
import static dev.agentsession.sql.schema.Tables.SESSIONS;

import dev.agentsession.Event;
import dev.agentsession.sql.schema.EpochMicrosConverter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/**
 * The reads that programs repeat on every turn (a session, a user's sessions, the recent events,
 * the pages of a stream), built with jOOQ on the generated tables and rendered once, then run as
 * prepared statements and mapped straight from the result set.
 */
final class ReadStatements {

    /** A stored session row. */
    record SessionRow(long pk, String id, String appName, String userId, String agentId, String metadata,
                      long createdAt, long updatedAt) {
    }

    private static final EpochMicrosConverter MICROS = new EpochMicrosConverter();

    private static final List<Field<?>> SESSION_COLUMNS = List.of(SESSIONS.PK, SESSIONS.ID, SESSIONS.APP_NAME,
            SESSIONS.USER_ID, SESSIONS.AGENT_ID, SESSIONS.METADATA, SESSIONS.CREATED_AT, SESSIONS.UPDATED_AT);

    private static final List<Field<?>> EVENT_COLUMNS = List.of(EVENTS.ID, EVENTS.SEQUENCE, EVENTS.INVOCATION_ID,
            EVENTS.AGENT_ID, EVENTS.BRANCH, EVENTS.AUTHOR, EVENTS.CONTENT, EVENTS.REASONING, EVENTS.ACTIONS,
            EVENTS.LONG_RUNNING_TOOL_IDS, EVENTS.METADATA, EVENTS.CREATED_AT);

    private final RenderedStatement session;
    private final RenderedStatement list;
    private final RenderedStatement listLimited;
    private final RenderedStatement eventsAll;
    private final RenderedStatement eventsLast;
    private final RenderedStatement eventsFirst;

    ReadStatements(DSLContext dsl) {
        var app = DSL.param("app", SESSIONS.APP_NAME);
        var user = DSL.param("user", SESSIONS.USER_ID);
        var pk = DSL.param("pk", EVENTS.SESSION_PK);
        var after = DSL.param("after", EVENTS.SEQUENCE);
        var limit = DSL.param("limit", Integer.class);
        var scoped = dsl.select(SESSION_COLUMNS).from(SESSIONS)
                .where(SESSIONS.APP_NAME.eq(app)).and(SESSIONS.USER_ID.eq(user));
        this.session = RenderedStatement.of(dsl, scoped.and(SESSIONS.ID.eq(DSL.param("id", SESSIONS.ID))));
        var newestFirst = dsl.select(SESSION_COLUMNS).from(SESSIONS)
                .where(SESSIONS.APP_NAME.eq(app)).and(SESSIONS.USER_ID.eq(user))
                .orderBy(SESSIONS.UPDATED_AT.desc(), SESSIONS.ID.asc());
        this.list = RenderedStatement.of(dsl, newestFirst);
        this.listLimited = RenderedStatement.of(dsl, newestFirst.limit(limit));
        var events = dsl.select(EVENT_COLUMNS).from(EVENTS)
                .where(EVENTS.SESSION_PK.eq(pk)).and(EVENTS.SEQUENCE.gt(after));
        this.eventsAll = RenderedStatement.of(dsl, events.orderBy(EVENTS.SEQUENCE.asc()));
        this.eventsLast = RenderedStatement.of(dsl, dsl.select(EVENT_COLUMNS).from(EVENTS)
                .where(EVENTS.SESSION_PK.eq(pk)).and(EVENTS.SEQUENCE.gt(after))
                .orderBy(EVENTS.SEQUENCE.desc()).limit(limit));
        this.eventsFirst = RenderedStatement.of(dsl, dsl.select(EVENT_COLUMNS).from(EVENTS)
                .where(EVENTS.SESSION_PK.eq(pk)).and(EVENTS.SEQUENCE.gt(after))
                .orderBy(EVENTS.SEQUENCE.asc()).limit(limit));
    }

    /** @return the session, or null where the scope holds none with that id */
    SessionRow session(Connection connection, String app, String user, String id) throws SQLException {
        try (PreparedStatement statement = session.prepare(connection, "app", app, "user", user, "id", id);
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? sessionRow(rows) : null;
        }
    }

    /** @return the user's sessions, newest first; all of them for a limit of 0 */
    List<SessionRow> list(Connection connection, String app, String user, int limit) throws SQLException {
        try (PreparedStatement statement = limit == 0
                ? list.prepare(connection, "app", app, "user", user)
                : listLimited.prepare(connection, "app", app, "user", user, "limit", limit);
             ResultSet rows = statement.executeQuery()) {
            List<SessionRow> sessions = new ArrayList<>();
            while (rows.next()) {
                sessions.add(sessionRow(rows));
            }
            return sessions;
        }
    }

    /** @return the events after a sequence, oldest first: all, or only the most recent {@code limit} */
    List<Event> events(Connection connection, String sessionId, long pk, long after, int limit) throws SQLException {
        PreparedStatement statement = limit == 0
                ? eventsAll.prepare(connection, "pk", pk, "after", after)
                : eventsLast.prepare(connection, "pk", pk, "after", after, "limit", limit);
        try (statement; ResultSet rows = statement.executeQuery()) {
            List<Event> events = new ArrayList<>();
            while (rows.next()) {
                events.add(event(rows, sessionId));
            }
            if (limit != 0) {
                Collections.reverse(events);
            }
            return Collections.unmodifiableList(events);
        }
    }

    /** @return at most {@code size} events after a sequence, oldest first */
    List<Event> page(Connection connection, String sessionId, long pk, long after, int size) throws SQLException {
        try (PreparedStatement statement = eventsFirst.prepare(connection, "pk", pk, "after", after, "limit", size);
             ResultSet rows = statement.executeQuery()) {
            List<Event> events = new ArrayList<>(size);
            while (rows.next()) {
                events.add(event(rows, sessionId));
            }
            return Collections.unmodifiableList(events);
        }
    }

    private static SessionRow sessionRow(ResultSet rows) throws SQLException {
        return new SessionRow(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                rows.getString(5), rows.getString(6), rows.getLong(7), rows.getLong(8));
    }

    private static Event event(ResultSet rows, String sessionId) throws SQLException {
        return new Event(rows.getString(1), sessionId, rows.getLong(2), rows.getString(3), rows.getString(4),
                rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8),
                JsonCodec.readActions(json(rows.getString(9))), JsonCodec.readStrings(json(rows.getString(10))),
                JsonCodec.parseObject(json(rows.getString(11))), MICROS.from(rows.getLong(12)));
    }

    static JSONB json(String text) {
        return text == null ? null : JSONB.valueOf(text);
    }
}
