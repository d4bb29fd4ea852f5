package dev.agentsession.sql;

import static dev.agentsession.sql.schema.Tables.APP_STATE;
import static dev.agentsession.sql.schema.Tables.SESSIONS;
import static dev.agentsession.sql.schema.Tables.SESSION_STATE;
import static dev.agentsession.sql.schema.Tables.USER_STATE;

import dev.agentsession.Limits;
import dev.agentsession.internal.StateDelta;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.impl.DSL;

/**
 * The statements that keep state: a key is a row of its tier ({@code session_state},
 * {@code app_state}, {@code user_state}), set by an upsert and removed by a delete, so concurrent
 * deltas to one tier change only the rows they name. Keys are written in sorted order, tier by tier
 * (the session's, the app's, the user's), so two transactions take their row locks in one order.
 * Rendered once per store, like the other per-turn statements.
 */
final class StateStatements {

    private static final Param<Long> SESSION_PK = DSL.param("session_pk", SESSION_STATE.SESSION_PK);
    private static final Param<String> APP = DSL.param("app", APP_STATE.APP_NAME);
    private static final Param<String> USER = DSL.param("user", USER_STATE.USER_ID);
    private static final Param<String> KEY = DSL.param("key", SESSION_STATE.STATE_KEY);
    private static final Param<JSONB> VALUE = DSL.param("value", SESSION_STATE.STATE_VALUE);

    private static final Columns ENTRY = Columns.of(SESSION_STATE.STATE_KEY, SESSION_STATE.STATE_VALUE);
    private static final Field<Long> SIZE = DSL.field(DSL.name("size"), Long.class);
    private static final Columns SIZE_COLUMNS = Columns.of(SIZE);

    /** The statements of one tier. */
    private record Tier(String name, RenderedStatement upsert, RenderedStatement delete, RenderedStatement size,
                        RenderedStatement read) {
    }

    private final Tier session;
    private final Tier app;
    private final Tier user;
    private final RenderedStatement deleteSessions;
    private final RenderedStatement deleteUserTier;

    StateStatements(DSLContext dsl) {
        session = new Tier("session",
                RenderedStatement.of(dsl, dsl.insertInto(SESSION_STATE)
                        .set(SESSION_STATE.SESSION_PK, SESSION_PK).set(SESSION_STATE.STATE_KEY, KEY)
                        .set(SESSION_STATE.STATE_VALUE, VALUE)
                        .onConflict(SESSION_STATE.SESSION_PK, SESSION_STATE.STATE_KEY)
                        .doUpdate().set(SESSION_STATE.STATE_VALUE, DSL.excluded(SESSION_STATE.STATE_VALUE))),
                RenderedStatement.of(dsl, dsl.deleteFrom(SESSION_STATE)
                        .where(SESSION_STATE.SESSION_PK.eq(SESSION_PK)).and(SESSION_STATE.STATE_KEY.eq(KEY))),
                RenderedStatement.of(dsl, dsl.select(size(dsl, SESSION_STATE.STATE_KEY, SESSION_STATE.STATE_VALUE))
                        .from(SESSION_STATE).where(SESSION_STATE.SESSION_PK.eq(SESSION_PK))),
                null);
        app = new Tier("app",
                RenderedStatement.of(dsl, dsl.insertInto(APP_STATE)
                        .set(APP_STATE.APP_NAME, APP).set(APP_STATE.STATE_KEY, KEY).set(APP_STATE.STATE_VALUE, VALUE)
                        .onConflict(APP_STATE.APP_NAME, APP_STATE.STATE_KEY)
                        .doUpdate().set(APP_STATE.STATE_VALUE, DSL.excluded(APP_STATE.STATE_VALUE))),
                RenderedStatement.of(dsl, dsl.deleteFrom(APP_STATE)
                        .where(APP_STATE.APP_NAME.eq(APP)).and(APP_STATE.STATE_KEY.eq(KEY))),
                RenderedStatement.of(dsl, dsl.select(size(dsl, APP_STATE.STATE_KEY, APP_STATE.STATE_VALUE))
                        .from(APP_STATE).where(APP_STATE.APP_NAME.eq(APP))),
                RenderedStatement.of(dsl, dsl.select(APP_STATE.STATE_KEY, APP_STATE.STATE_VALUE)
                        .from(APP_STATE).where(APP_STATE.APP_NAME.eq(APP))));
        user = new Tier("user",
                RenderedStatement.of(dsl, dsl.insertInto(USER_STATE)
                        .set(USER_STATE.APP_NAME, APP).set(USER_STATE.USER_ID, USER).set(USER_STATE.STATE_KEY, KEY)
                        .set(USER_STATE.STATE_VALUE, VALUE)
                        .onConflict(USER_STATE.APP_NAME, USER_STATE.USER_ID, USER_STATE.STATE_KEY)
                        .doUpdate().set(USER_STATE.STATE_VALUE, DSL.excluded(USER_STATE.STATE_VALUE))),
                RenderedStatement.of(dsl, dsl.deleteFrom(USER_STATE).where(USER_STATE.APP_NAME.eq(APP))
                        .and(USER_STATE.USER_ID.eq(USER)).and(USER_STATE.STATE_KEY.eq(KEY))),
                RenderedStatement.of(dsl, dsl.select(size(dsl, USER_STATE.STATE_KEY, USER_STATE.STATE_VALUE))
                        .from(USER_STATE).where(USER_STATE.APP_NAME.eq(APP)).and(USER_STATE.USER_ID.eq(USER))),
                RenderedStatement.of(dsl, dsl.select(USER_STATE.STATE_KEY, USER_STATE.STATE_VALUE)
                        .from(USER_STATE).where(USER_STATE.APP_NAME.eq(APP)).and(USER_STATE.USER_ID.eq(USER))));
        deleteSessions = RenderedStatement.of(dsl, dsl.deleteFrom(SESSIONS)
                .where(SESSIONS.APP_NAME.eq(DSL.param("app", SESSIONS.APP_NAME)))
                .and(SESSIONS.USER_ID.eq(DSL.param("user", SESSIONS.USER_ID))));
        deleteUserTier = RenderedStatement.of(dsl, dsl.deleteFrom(USER_STATE)
                .where(USER_STATE.APP_NAME.eq(APP)).and(USER_STATE.USER_ID.eq(USER)));
    }

    /**
     * The size of a tier as JSON text, {@code {"key":value,...}}, as the database holds it: the
     * keys' and values' lengths and four characters of punctuation each. Databases that normalise
     * JSON (PostgreSQL adds a space after each colon and comma) count a little more than the
     * compact form.
     */
    private static Field<Long> size(DSLContext dsl, Field<String> key, Field<JSONB> value) {
        Field<Integer> length = DSL.length(key).plus(DSL.length(DSL.cast(value, String.class))).plus(DSL.inline(4));
        return DSL.coalesce(DSL.sum(length).cast(Long.class), DSL.inline(0L)).as(SIZE);
    }

    /**
     * Applies a delta's tiers in the caller's transaction, then checks each tier it touched.
     *
     * @param field the field reported if a tier grows too large, such as {@code "stateDelta"}
     * @throws IllegalArgumentException if a tier would be over the limit; the caller's transaction
     *     must then roll back
     */
    void apply(Connection connection, long sessionPk, String appName, String userId, StateDelta delta, String field)
            throws SQLException {
        applyTier(connection, session, delta.session(), values -> values.set(SESSION_PK, sessionPk), field);
        applyTier(connection, app, delta.app(), values -> values.set(APP, appName), field);
        applyTier(connection, user, delta.user(), values -> values.set(APP, appName).set(USER, userId), field);
    }

    /** Writes a tier's keys in their (sorted) order, then checks the tier's size; nothing if none changes. */
    private static void applyTier(Connection connection, Tier tier, Map<String, Object> changes, Scope scope,
            String field) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Object> entry : changes.entrySet()) {
            write(connection, tier, entry, scope);
        }
        RenderedStatement.Values size = tier.size().values();
        scope.bind(size);
        check(connection, tier, size, field);
    }

    /** Sets the scope parameters of a tier's statement. */
    private interface Scope {
        void bind(RenderedStatement.Values values);
    }

    private static void write(Connection connection, Tier tier, Map.Entry<String, Object> entry, Scope scope)
            throws SQLException {
        RenderedStatement.Values values;
        if (entry.getValue() == null) {
            values = tier.delete().values().set(KEY, entry.getKey());
        } else {
            values = tier.upsert().values().set(KEY, entry.getKey()).set(VALUE, JsonCodec.value(entry.getValue()));
        }
        scope.bind(values);
        try (PreparedStatement statement = values.prepare(connection)) {
            statement.executeUpdate();
        }
    }

    private static void check(Connection connection, Tier tier, RenderedStatement.Values values, String field)
            throws SQLException {
        long size;
        try (PreparedStatement statement = values.prepare(connection); ResultSet row = statement.executeQuery()) {
            row.next();
            Long sum = SIZE_COLUMNS.get(row, SIZE);
            size = sum == null ? 0 : sum + 2;
        }
        if (size > Limits.MAX_STATE_TIER_BYTES) {
            throw new IllegalArgumentException(field + " makes the " + tier.name() + " state about " + size
                    + " characters as JSON, over the limit of " + Limits.MAX_STATE_TIER_BYTES
                    + " (Limits.MAX_STATE_TIER_BYTES); nothing was written");
        }
    }

    /** @return the app tier, keys without prefix, sorted */
    Map<String, Object> appTier(Connection connection, String appName) throws SQLException {
        return read(connection, app.read().values().set(APP, appName));
    }

    /** @return the user tier, keys without prefix, sorted */
    Map<String, Object> userTier(Connection connection, String appName, String userId) throws SQLException {
        return read(connection, user.read().values().set(APP, appName).set(USER, userId));
    }

    private static Map<String, Object> read(Connection connection, RenderedStatement.Values values)
            throws SQLException {
        Map<String, Object> tier = new TreeMap<>();
        try (PreparedStatement statement = values.prepare(connection); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                tier.put(ENTRY.get(rows, SESSION_STATE.STATE_KEY),
                        JsonCodec.readValue(ENTRY.get(rows, SESSION_STATE.STATE_VALUE)));
            }
        }
        return Collections.unmodifiableMap(tier);
    }

    /**
     * Erases a user in the caller's transaction: the sessions (their events and own state go with
     * them) and the user tier.
     *
     * @return how many sessions were deleted
     */
    long deleteUser(Connection connection, String appName, String userId) throws SQLException {
        long deleted;
        try (PreparedStatement statement = deleteSessions.values()
                .set(DSL.param("app", SESSIONS.APP_NAME), appName).set(DSL.param("user", SESSIONS.USER_ID), userId)
                .prepare(connection)) {
            deleted = statement.executeUpdate();
        }
        try (PreparedStatement statement = deleteUserTier.values().set(APP, appName).set(USER, userId)
                .prepare(connection)) {
            statement.executeUpdate();
        }
        return deleted;
    }
}
