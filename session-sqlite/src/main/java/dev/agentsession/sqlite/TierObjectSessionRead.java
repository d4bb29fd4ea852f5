package dev.agentsession.sqlite;

import static dev.agentsession.sql.schema.Tables.APP_STATE;
import static dev.agentsession.sql.schema.Tables.SESSIONS;
import static dev.agentsession.sql.schema.Tables.SESSION_STATE;
import static dev.agentsession.sql.schema.Tables.USER_STATE;

import dev.agentsession.sql.spi.Columns;
import dev.agentsession.sql.spi.JsonCodec;
import dev.agentsession.sql.spi.RenderedStatement;
import dev.agentsession.sql.spi.SessionRead;
import dev.agentsession.sql.spi.SessionRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * SQLite's read of one session: its row with its own keys, the app tier and the user tier as three
 * more columns, each a JSON object of the tier's keys ({@code json_group_object} in a scalar
 * subquery per tier, {@code {}} for none), so a session and all its state are one row. Stepping
 * SQLite through a row per key cost twice what building and parsing the objects costs. The other
 * databases keep the core's rows: MariaDB's aggregate would be cut at {@code
 * group_concat_max_len}, and PostgreSQL's read costs the same either way.
 */
final class TierObjectSessionRead implements SessionRead {

    private static final Field<JSONB> OWN_OBJECT = DSL.field(DSL.name("own_state"), SQLDataType.JSONB);
    private static final Field<JSONB> APP_OBJECT = DSL.field(DSL.name("app_state"), SQLDataType.JSONB);
    private static final Field<JSONB> USER_OBJECT = DSL.field(DSL.name("user_state"), SQLDataType.JSONB);
    private static final Columns COLUMNS;

    static {
        List<Field<?>> fields = new ArrayList<>(SessionRow.FIELDS);
        fields.addAll(List.of(OWN_OBJECT, APP_OBJECT, USER_OBJECT));
        COLUMNS = Columns.of(fields.toArray(new Field<?>[0]));
    }

    private static final Param<String> APP = DSL.param("app", SESSIONS.APP_NAME);
    private static final Param<String> USER = DSL.param("user", SESSIONS.USER_ID);
    private static final Param<String> ID = DSL.param("id", SESSIONS.ID);
    private static final Param<String> APP_TIER = DSL.param("app_tier", APP_STATE.APP_NAME);
    private static final Param<String> USER_TIER_APP = DSL.param("user_tier_app", USER_STATE.APP_NAME);
    private static final Param<String> USER_TIER_USER = DSL.param("user_tier_user", USER_STATE.USER_ID);

    private final RenderedStatement statement;

    TierObjectSessionRead(DSLContext dsl) {
        List<Field<?>> fields = new ArrayList<>(SessionRow.FIELDS);
        // json() hands each stored value over as JSON rather than as a string
        fields.add(DSL.field(dsl.select(tierObject(SESSION_STATE.STATE_KEY, SESSION_STATE.STATE_VALUE))
                .from(SESSION_STATE).where(SESSION_STATE.SESSION_PK.eq(SESSIONS.PK))).as(OWN_OBJECT));
        fields.add(DSL.field(dsl.select(tierObject(APP_STATE.STATE_KEY, APP_STATE.STATE_VALUE))
                .from(APP_STATE).where(APP_STATE.APP_NAME.eq(APP_TIER))).as(APP_OBJECT));
        fields.add(DSL.field(dsl.select(tierObject(USER_STATE.STATE_KEY, USER_STATE.STATE_VALUE))
                .from(USER_STATE).where(USER_STATE.APP_NAME.eq(USER_TIER_APP))
                .and(USER_STATE.USER_ID.eq(USER_TIER_USER))).as(USER_OBJECT));
        statement = RenderedStatement.of(dsl, dsl.select(fields).from(SESSIONS)
                .where(SESSIONS.APP_NAME.eq(APP)).and(SESSIONS.USER_ID.eq(USER)).and(SESSIONS.ID.eq(ID)));
    }

    private static Field<JSONB> tierObject(Field<String> key, Field<JSONB> value) {
        return DSL.field("json_group_object({0}, json({1}))", SQLDataType.JSONB, key, value);
    }

    @Override
    public SessionRow read(Connection connection, String appName, String userId, String id) throws SQLException {
        RenderedStatement.Values values = statement.values().set(APP, appName).set(USER, userId).set(ID, id)
                .set(APP_TIER, appName).set(USER_TIER_APP, appName).set(USER_TIER_USER, userId);
        try (PreparedStatement prepared = values.prepare(connection); ResultSet rows = prepared.executeQuery()) {
            if (!rows.next()) {
                return null;
            }
            return SessionRow.read(rows, COLUMNS, tier(rows, OWN_OBJECT), tier(rows, APP_OBJECT),
                    tier(rows, USER_OBJECT));
        }
    }

    /** @return a tier's keys in key order, as the core's row-per-key read files them */
    private static Map<String, Object> tier(ResultSet rows, Field<JSONB> object) throws SQLException {
        JSONB keys = COLUMNS.get(rows, object);
        return keys == null || keys.data().equals("{}") ? Map.of() : new TreeMap<>(JsonCodec.readObject(keys));
    }

    @Override
    public Map<String, String> statements() {
        return Map.of("get: a session with its tiers as JSON objects", statement.sql());
    }
}
