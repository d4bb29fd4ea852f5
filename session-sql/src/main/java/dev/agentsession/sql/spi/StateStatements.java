package dev.agentsession.sql.spi;

import static dev.agentsession.sql.schema.Tables.APP_STATE;
import static dev.agentsession.sql.schema.Tables.EVENTS;
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
import java.util.LinkedHashMap;
import java.util.List;
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
public final class StateStatements {

    private static final Param<Long> SESSION_PK = DSL.param("session_pk", SESSION_STATE.SESSION_PK);
    private static final Param<String> APP = DSL.param("app", APP_STATE.APP_NAME);
    private static final Param<String> USER = DSL.param("user", USER_STATE.USER_ID);
    private static final Param<String> KEY = DSL.param("key", SESSION_STATE.STATE_KEY);
    private static final Param<JSONB> VALUE = DSL.param("value", SESSION_STATE.STATE_VALUE);
    private static final Param<Long> BYTES = DSL.param("entry_bytes", SESSION_STATE.ENTRY_BYTES);

    /** The user tier's app in the statement that measures the tiers, where the app tier's takes {@link #APP}. */
    private static final Param<String> USER_APP = DSL.param("user_app", USER_STATE.APP_NAME);

    private static final Columns ENTRY = Columns.of(SESSION_STATE.STATE_KEY, SESSION_STATE.STATE_VALUE);
    /** The size of each tier a change touched, as statements that measure tiers answer it (NULL: untouched). */
    public static final Field<Long> SESSION_SIZE = DSL.field(DSL.name("session_size"), Long.class);
    public static final Field<Long> APP_SIZE = DSL.field(DSL.name("app_size"), Long.class);
    public static final Field<Long> USER_SIZE = DSL.field(DSL.name("user_size"), Long.class);
    private static final Columns SIZES = Columns.of(SESSION_SIZE, APP_SIZE, USER_SIZE);

    /** Which tiers a statement that measures them measures: bits of a mask. */
    private static final int SESSION_TIER = 1;
    private static final int APP_TIER = 2;
    private static final int USER_TIER = 4;

    /** The statements of one tier. */
    private record Tier(String name, RenderedStatement upsert, RenderedStatement delete, RenderedStatement read) {
    }

    private final Tier session;
    private final Tier app;
    private final Tier user;
    /** By mask of the tiers a delta changed: one statement that measures those tiers (the others NULL). */
    private final RenderedStatement[] sizes = new RenderedStatement[8];
    private final RenderedStatement deleteSessions;
    private final RenderedStatement deleteUserTier;

    /** @param dsl the store's context, in its dialect */
    public StateStatements(DSLContext dsl) {
        session = new Tier("session",
                RenderedStatement.of(dsl, dsl.insertInto(SESSION_STATE)
                        .set(SESSION_STATE.SESSION_PK, SESSION_PK).set(SESSION_STATE.STATE_KEY, KEY)
                        .set(SESSION_STATE.STATE_VALUE, VALUE).set(SESSION_STATE.ENTRY_BYTES, BYTES)
                        .onConflict(SESSION_STATE.SESSION_PK, SESSION_STATE.STATE_KEY)
                        .doUpdate().set(SESSION_STATE.STATE_VALUE, DSL.excluded(SESSION_STATE.STATE_VALUE))
                        .set(SESSION_STATE.ENTRY_BYTES, DSL.excluded(SESSION_STATE.ENTRY_BYTES))),
                RenderedStatement.of(dsl, dsl.deleteFrom(SESSION_STATE)
                        .where(SESSION_STATE.SESSION_PK.eq(SESSION_PK)).and(SESSION_STATE.STATE_KEY.eq(KEY))),
                null);
        app = new Tier("app",
                RenderedStatement.of(dsl, dsl.insertInto(APP_STATE)
                        .set(APP_STATE.APP_NAME, APP).set(APP_STATE.STATE_KEY, KEY).set(APP_STATE.STATE_VALUE, VALUE)
                        .set(APP_STATE.ENTRY_BYTES, BYTES)
                        .onConflict(APP_STATE.APP_NAME, APP_STATE.STATE_KEY)
                        .doUpdate().set(APP_STATE.STATE_VALUE, DSL.excluded(APP_STATE.STATE_VALUE))
                        .set(APP_STATE.ENTRY_BYTES, DSL.excluded(APP_STATE.ENTRY_BYTES))),
                RenderedStatement.of(dsl, dsl.deleteFrom(APP_STATE)
                        .where(APP_STATE.APP_NAME.eq(APP)).and(APP_STATE.STATE_KEY.eq(KEY))),
                RenderedStatement.of(dsl, dsl.select(APP_STATE.STATE_KEY, APP_STATE.STATE_VALUE)
                        .from(APP_STATE).where(APP_STATE.APP_NAME.eq(APP))));
        user = new Tier("user",
                RenderedStatement.of(dsl, dsl.insertInto(USER_STATE)
                        .set(USER_STATE.APP_NAME, APP).set(USER_STATE.USER_ID, USER).set(USER_STATE.STATE_KEY, KEY)
                        .set(USER_STATE.STATE_VALUE, VALUE).set(USER_STATE.ENTRY_BYTES, BYTES)
                        .onConflict(USER_STATE.APP_NAME, USER_STATE.USER_ID, USER_STATE.STATE_KEY)
                        .doUpdate().set(USER_STATE.STATE_VALUE, DSL.excluded(USER_STATE.STATE_VALUE))
                        .set(USER_STATE.ENTRY_BYTES, DSL.excluded(USER_STATE.ENTRY_BYTES))),
                RenderedStatement.of(dsl, dsl.deleteFrom(USER_STATE).where(USER_STATE.APP_NAME.eq(APP))
                        .and(USER_STATE.USER_ID.eq(USER)).and(USER_STATE.STATE_KEY.eq(KEY))),
                RenderedStatement.of(dsl, dsl.select(USER_STATE.STATE_KEY, USER_STATE.STATE_VALUE)
                        .from(USER_STATE).where(USER_STATE.APP_NAME.eq(APP)).and(USER_STATE.USER_ID.eq(USER))));
        for (int mask = 1; mask < sizes.length; mask++) {
            sizes[mask] = RenderedStatement.of(dsl, dsl.select(
                    (mask & SESSION_TIER) == 0 ? none(SESSION_SIZE) : DSL.field(dsl.select(size(SESSION_STATE.ENTRY_BYTES))
                            .from(SESSION_STATE).where(SESSION_STATE.SESSION_PK.eq(SESSION_PK))).as(SESSION_SIZE),
                    (mask & APP_TIER) == 0 ? none(APP_SIZE) : DSL.field(dsl.select(size(APP_STATE.ENTRY_BYTES))
                            .from(APP_STATE).where(APP_STATE.APP_NAME.eq(APP))).as(APP_SIZE),
                    (mask & USER_TIER) == 0 ? none(USER_SIZE) : DSL.field(dsl.select(size(USER_STATE.ENTRY_BYTES))
                            .from(USER_STATE).where(USER_STATE.APP_NAME.eq(USER_APP))
                            .and(USER_STATE.USER_ID.eq(USER))).as(USER_SIZE)));
        }
        deleteSessions = RenderedStatement.of(dsl, dsl.deleteFrom(SESSIONS)
                .where(SESSIONS.APP_NAME.eq(DSL.param("app", SESSIONS.APP_NAME)))
                .and(SESSIONS.USER_ID.eq(DSL.param("user", SESSIONS.USER_ID))));
        deleteUserTier = RenderedStatement.of(dsl, dsl.deleteFrom(USER_STATE)
                .where(USER_STATE.APP_NAME.eq(APP)).and(USER_STATE.USER_ID.eq(USER)));
    }

    /** @return every statement of state, by name, for the golden SQL files */
    public Map<String, String> statements() {
        Map<String, String> statements = new LinkedHashMap<>();
        for (Tier tier : List.of(session, app, user)) {
            statements.put("state: set a key of the " + tier.name() + " tier", tier.upsert().sql());
            statements.put("state: remove a key of the " + tier.name() + " tier", tier.delete().sql());
            if (tier.read() != null) {
                statements.put("state: read the " + tier.name() + " tier", tier.read().sql());
            }
        }
        for (int mask = 1; mask < sizes.length; mask++) {
            statements.put("state: measure the tiers" + ((mask & SESSION_TIER) != 0 ? " session" : "")
                    + ((mask & APP_TIER) != 0 ? " app" : "") + ((mask & USER_TIER) != 0 ? " user" : ""),
                    sizes[mask].sql());
        }
        statements.put("delete user: the sessions", deleteSessions.sql());
        statements.put("delete user: the user tier", deleteUserTier.sql());
        return statements;
    }

    /**
     * The size of a tier as compact JSON in UTF-8 bytes, from the entry bytes each row keeps
     * ({@link StateDelta#entryBytes}): the entries, a comma after each but the last and two braces,
     * {@code 1 + sum(entry_bytes + 1)}; 2 for a tier without keys.
     */
    private static Field<Long> size(Field<Long> entryBytes) {
        return DSL.inline(1L).plus(DSL.coalesce(DSL.sum(entryBytes.plus(DSL.inline(1L))).cast(Long.class),
                DSL.inline(1L)));
    }

    private static Field<Long> none(Field<Long> alias) {
        return DSL.inline((Long) null).as(alias);
    }

    /**
     * Applies a delta's tiers in the caller's transaction, then measures the tiers it touched, in
     * one statement.
     *
     * @param field the field reported if a tier grows too large, such as {@code "stateDelta"}
     * @throws IllegalArgumentException if a tier would be over the limit; the caller's transaction
     *     must then roll back
     */
    public void apply(Connection connection, long sessionPk, String appName, String userId, StateDelta delta, String field)
            throws SQLException {
        writeTier(connection, session, delta.session(), values -> values.set(SESSION_PK, sessionPk));
        writeTier(connection, app, delta.app(), values -> values.set(APP, appName));
        writeTier(connection, user, delta.user(), values -> values.set(APP, appName).set(USER, userId));
        int mask = (delta.session().isEmpty() ? 0 : SESSION_TIER) | (delta.app().isEmpty() ? 0 : APP_TIER)
                | (delta.user().isEmpty() ? 0 : USER_TIER);
        if (mask == 0) {
            return;
        }
        RenderedStatement.Values values = sizes[mask].values();
        if ((mask & SESSION_TIER) != 0) {
            values.set(SESSION_PK, sessionPk);
        }
        if ((mask & APP_TIER) != 0) {
            values.set(APP, appName);
        }
        if ((mask & USER_TIER) != 0) {
            values.set(USER_APP, appName).set(USER, userId);
        }
        try (PreparedStatement statement = values.prepare(connection); ResultSet row = statement.executeQuery()) {
            row.next();
            checkSizes(field, row, SIZES);
        }
    }

    /** Writes a tier's keys in their (sorted) order; nothing if none changes. */
    private static void writeTier(Connection connection, Tier tier, Map<String, Object> changes, Scope scope)
            throws SQLException {
        for (Map.Entry<String, Object> entry : changes.entrySet()) {
            write(connection, tier, entry, scope);
        }
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
            values = tier.upsert().values().set(KEY, entry.getKey()).set(VALUE, JsonCodec.value(entry.getValue()))
                    .set(BYTES, StateDelta.entryBytes(entry.getKey(), entry.getValue()));
        }
        scope.bind(values);
        try (PreparedStatement statement = values.prepare(connection)) {
            statement.executeUpdate();
        }
    }

    /**
     * The answer of a statement that appends an event and writes its delta's tiers at once (a
     * dialect's own, such as PostgreSQL's one statement or MySQL's state routine), in this column
     * order: the event's sequence and time, NULLs if nothing was written, then the size of each
     * tier the delta touched ({@link #SESSION_SIZE}, {@link #APP_SIZE}, {@link #USER_SIZE}).
     */
    public static final Columns APPEND_ANSWER = Columns.of(EVENTS.SEQUENCE, EVENTS.CREATED_AT, SESSION_SIZE, APP_SIZE,
            USER_SIZE);

    /**
     * Reads the one row of such an answer ({@link #APPEND_ANSWER}).
     *
     * @param answer the result, before its first row
     * @return where the event landed
     * @throws IllegalArgumentException if a tier would have grown over its limit; nothing was written
     * @throws NoSuchSession if the session is gone or not at the expected sequence
     * @throws SQLException if the answer cannot be read
     */
    public static AppendPosition appendedWithState(ResultSet answer) throws SQLException {
        answer.next();
        Long sequence = APPEND_ANSWER.get(answer, EVENTS.SEQUENCE);
        if (sequence != null) {
            return new AppendPosition(sequence, APPEND_ANSWER.get(answer, EVENTS.CREATED_AT));
        }
        checkSizes("stateDelta", answer, APPEND_ANSWER);
        throw new NoSuchSession();
    }

    /** Checks the tier sizes of an answer that holds {@link #SESSION_SIZE}, {@link #APP_SIZE} and {@link #USER_SIZE}. */
    private static void checkSizes(String field, ResultSet row, Columns columns) throws SQLException {
        checkSize(field, "session", columns.get(row, SESSION_SIZE));
        checkSize(field, "app", columns.get(row, APP_SIZE));
        checkSize(field, "user", columns.get(row, USER_SIZE));
    }

    /**
     * @param field the field reported, such as {@code "stateDelta"}
     * @param tier the tier's name
     * @param size the tier's size in bytes after a change, measured as here; null for a tier not changed
     * @throws IllegalArgumentException if the size is over the limit
     */
    private static void checkSize(String field, String tier, Long size) {
        if (size != null && size > Limits.MAX_STATE_TIER_BYTES) {
            throw StateDelta.tierTooLarge(field, tier, size);
        }
    }

    /** @return the app tier, keys without prefix, sorted */
    public Map<String, Object> appTier(Connection connection, String appName) throws SQLException {
        return read(connection, app.read().values().set(APP, appName));
    }

    /** @return the user tier, keys without prefix, sorted */
    public Map<String, Object> userTier(Connection connection, String appName, String userId) throws SQLException {
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
    public long deleteUser(Connection connection, String appName, String userId) throws SQLException {
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
