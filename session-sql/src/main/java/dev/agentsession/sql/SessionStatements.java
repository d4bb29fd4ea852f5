package dev.agentsession.sql;

import static dev.agentsession.sql.schema.Tables.APP_STATE;
import static dev.agentsession.sql.schema.Tables.EVENTS;
import static dev.agentsession.sql.schema.Tables.SESSIONS;
import static dev.agentsession.sql.schema.Tables.USER_STATE;

import dev.agentsession.Event;
import dev.agentsession.sql.spi.EventColumns;
import dev.agentsession.sql.spi.JsonCodec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

/**
 * The statements of the calls that are not per turn (create, delete, cleanup, import, the
 * catalog), built with jOOQ on the generated tables each time they run, with their values bound.
 * Kept here, apart from the contract's flow, so that {@link StatementCatalog} renders the very
 * statements the store sends.
 */
final class SessionStatements {

    private SessionStatements() {
    }

    /** A new session's row; answers its key. */
    static ResultQuery<Record1<Long>> insertSession(DSLContext dsl, String id, String appName, String userId,
            String agentId, Map<String, Object> metadata, Instant createdAt, Instant updatedAt, long lastSequence) {
        return dsl.insertInto(SESSIONS)
                .set(SESSIONS.ID, id)
                .set(SESSIONS.APP_NAME, appName)
                .set(SESSIONS.USER_ID, userId)
                .set(SESSIONS.AGENT_ID, agentId)
                .set(SESSIONS.METADATA, JsonCodec.object(metadata))
                .set(SESSIONS.CREATED_AT, createdAt)
                .set(SESSIONS.UPDATED_AT, updatedAt)
                .set(SESSIONS.LAST_SEQUENCE, lastSequence)
                .returningResult(SESSIONS.PK);
    }

    /** The key of a session in its scope. */
    static ResultQuery<Record1<Long>> findSession(DSLContext dsl, String appName, String userId, String id) {
        return dsl.select(SESSIONS.PK).from(SESSIONS).where(inScope(appName, userId)).and(SESSIONS.ID.eq(id));
    }

    /** Deletes a session in its scope (its events and own state go with it). */
    static Query deleteSession(DSLContext dsl, String appName, String userId, String id) {
        return dsl.deleteFrom(SESSIONS).where(inScope(appName, userId)).and(SESSIONS.ID.eq(id));
    }

    /** Deletes a session by its key. */
    static Query deleteSession(DSLContext dsl, long pk) {
        return dsl.deleteFrom(SESSIONS).where(SESSIONS.PK.eq(pk));
    }

    /** Deletes the sessions of an app, or of one of its users, updated before a time. */
    static Query deleteUpdatedBefore(DSLContext dsl, String appName, String userId, Instant bound) {
        Condition scope = userId == null ? SESSIONS.APP_NAME.eq(appName) : inScope(appName, userId);
        return dsl.deleteFrom(SESSIONS).where(scope).and(SESSIONS.UPDATED_AT.lt(bound));
    }

    /** Every app that has a session or a tier. */
    static ResultQuery<Record1<String>> appNames(DSLContext dsl) {
        return dsl.selectDistinct(SESSIONS.APP_NAME).from(SESSIONS)
                .union(dsl.selectDistinct(APP_STATE.APP_NAME).from(APP_STATE))
                .union(dsl.selectDistinct(USER_STATE.APP_NAME).from(USER_STATE));
    }

    /** Every user that has a session or a user tier, of one app or of all (null). */
    static ResultQuery<Record2<String, String>> scopes(DSLContext dsl, String appName) {
        Condition sessionApp = appName == null ? DSL.noCondition() : SESSIONS.APP_NAME.eq(appName);
        Condition tierApp = appName == null ? DSL.noCondition() : USER_STATE.APP_NAME.eq(appName);
        return dsl.selectDistinct(SESSIONS.APP_NAME, SESSIONS.USER_ID).from(SESSIONS).where(sessionApp)
                .union(dsl.selectDistinct(USER_STATE.APP_NAME, USER_STATE.USER_ID).from(USER_STATE).where(tierApp));
    }

    /** The scopes that hold a session of this id. */
    static ResultQuery<Record2<String, String>> scopesOf(DSLContext dsl, String sessionId) {
        return dsl.select(SESSIONS.APP_NAME, SESSIONS.USER_ID).from(SESSIONS).where(SESSIONS.ID.eq(sessionId));
    }

    private static final Field<String> VERSION = DSL.field(DSL.name("version"), String.class);
    private static final Field<Integer> RANK = DSL.field(DSL.name("installed_rank"), Integer.class);

    /** The newest migration applied. */
    static ResultQuery<Record1<String>> schemaVersion(DSLContext dsl) {
        return dsl.select(VERSION).from(DSL.table(DSL.name(Migrations.HISTORY)))
                .where(VERSION.isNotNull()).orderBy(RANK.desc()).limit(1);
    }

    private static Condition inScope(String appName, String userId) {
        return SESSIONS.APP_NAME.eq(appName).and(SESSIONS.USER_ID.eq(userId));
    }

    /**
     * @param dsl a context in the store's dialect
     * @return each statement, by name, rendered with placeholders, for the golden SQL files
     */
    static Map<String, String> statements(DSLContext dsl) {
        Instant time = Instant.EPOCH;
        Map<String, String> statements = new LinkedHashMap<>();
        statements.put("create: the session", dsl.render(insertSession(dsl, "s", "a", "u", "agent", Map.of("k", "v"),
                time, time, 0)));
        statements.put("import: find the session", dsl.render(findSession(dsl, "a", "u", "s")));
        statements.put("import: replace the session", dsl.render(deleteSession(dsl, 1)));
        statements.put("delete: a session", dsl.render(deleteSession(dsl, "a", "u", "s")));
        statements.put("cleanup: an app's sessions updated before",
                dsl.render(deleteUpdatedBefore(dsl, "a", null, time)));
        statements.put("cleanup: a user's sessions updated before",
                dsl.render(deleteUpdatedBefore(dsl, "a", "u", time)));
        statements.put("catalog: the apps", dsl.render(appNames(dsl)));
        statements.put("catalog: the users of every app", dsl.render(scopes(dsl, null)));
        statements.put("catalog: the users of an app", dsl.render(scopes(dsl, "a")));
        statements.put("catalog: the scopes of a session id", dsl.render(scopesOf(dsl, "s")));
        statements.put("schema version", dsl.render(schemaVersion(dsl)));
        Event event = new Event("e", "s", 1, null, null, null, "user", "text", null, null, null, null, time);
        statements.put("import: an event (sent in batches)",
                dsl.render(dsl.insertInto(EVENTS).set(EventColumns.record(event, 1))));
        return statements;
    }
}
