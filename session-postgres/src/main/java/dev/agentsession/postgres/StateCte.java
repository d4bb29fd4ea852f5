package dev.agentsession.postgres;

import static dev.agentsession.sql.schema.Tables.APP_STATE;
import static dev.agentsession.sql.schema.Tables.EVENTS;
import static dev.agentsession.sql.schema.Tables.SESSIONS;
import static dev.agentsession.sql.schema.Tables.SESSION_STATE;
import static dev.agentsession.sql.schema.Tables.USER_STATE;

import dev.agentsession.Limits;
import dev.agentsession.internal.StateDelta;
import dev.agentsession.sql.spi.AppendPosition;
import dev.agentsession.sql.spi.AppendRow;
import dev.agentsession.sql.spi.EventColumns;
import dev.agentsession.sql.spi.JsonCodec;
import dev.agentsession.sql.spi.NoSuchSession;
import dev.agentsession.sql.spi.RenderedStatement;
import dev.agentsession.sql.spi.StateStatements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.QueryPart;
import org.jooq.impl.DSL;

/**
 * PostgreSQL: an append whose delta changes state, in one statement run in auto-commit, so it
 * costs one round trip like an append without one. Data-modifying CTEs raise the session, insert
 * the event, and set and remove the keys of each tier the delta touches; the state is written
 * only when the session row was raised, so a gone session or another expected sequence leaves
 * everything as it was.
 *
 * <p>The statement is rendered for the delta's shape (how many keys each tier sets and removes),
 * each key and value a parameter, since a statement that unpacks the delta from JSON costs the
 * server several times more; shapes are rendered once and kept, up to {@value #MAX_SHAPES} of
 * them with at most {@value #MAX_KEYS} keys set and removed per tier. A delta beyond that is not
 * taken (see {@link #takes}) and goes through the state statements in a transaction.
 *
 * <p>Every part of one statement sees the same snapshot, so a tier's size after the delta is
 * worked out before anything is written: the entry bytes of its keys that the delta leaves alone
 * plus those of the keys it sets, added up as {@link StateStatements} adds up a tier. When a
 * tier would be over {@link Limits#MAX_STATE_TIER_BYTES} the session is not raised, so nothing is
 * written, and the statement answers the sizes for the message. Keys are set in sorted order,
 * tier by tier, then removed; two deltas that set and remove the same keys the other way round
 * can deadlock, which PostgreSQL detects by rolling one of them back, and the store retries it.
 */
final class StateCte {

    /** The most keys one tier of a delta may set, and remove, for this statement. */
    static final int MAX_KEYS = 8;
    /** The most shapes rendered per store. */
    static final int MAX_SHAPES = 128;

    private static final Param<String> APP = DSL.param("state_app", APP_STATE.APP_NAME);
    private static final String SESSIONS_TABLE = SESSIONS.getName();
    private static final String SESSION_KEY = SESSIONS.PK.getName();
    private static final String LAST_SEQUENCE = SESSIONS.LAST_SEQUENCE.getName();
    private static final String UPDATED_AT = SESSIONS.UPDATED_AT.getName();
    /** The state tables' columns, the same names in the three tables. */
    private static final String STATE_KEY = SESSION_STATE.STATE_KEY.getName();
    private static final String STATE_VALUE = SESSION_STATE.STATE_VALUE.getName();
    private static final String ENTRY_BYTES = SESSION_STATE.ENTRY_BYTES.getName();
    private static final Param<String> USER = DSL.param("state_user", USER_STATE.USER_ID);


    /** One tier: its table, the condition that picks its rows, its key columns and their values. */
    private record Tier(String name, String table, String scope, String keyColumns, String keyValues,
                        Function<StateDelta, Map<String, Object>> changes) {
    }

    private static final List<Tier> TIERS = List.of(
            new Tier("session", SESSION_STATE.getName(), "t." + SESSION_STATE.SESSION_PK.getName() + " = input.pk",
                    SESSION_STATE.SESSION_PK.getName(), "input.pk", StateDelta::session),
            new Tier("app", APP_STATE.getName(), "t." + APP_STATE.APP_NAME.getName() + " = input.app",
                    APP_STATE.APP_NAME.getName(), "input.app", StateDelta::app),
            new Tier("user", USER_STATE.getName(), "t." + USER_STATE.APP_NAME.getName() + " = input.app AND t."
                    + USER_STATE.USER_ID.getName() + " = input.usr",
                    USER_STATE.APP_NAME.getName() + ", " + USER_STATE.USER_ID.getName(), "input.app, input.usr",
                    StateDelta::user));

    /** How many keys each tier sets and removes: {@code set[i]}, {@code removed[i]} for {@code TIERS.get(i)}. */
    private record Shape(List<Integer> set, List<Integer> removed) {
        static Shape of(StateDelta delta) {
            List<Integer> set = new ArrayList<>();
            List<Integer> removed = new ArrayList<>();
            for (Tier tier : TIERS) {
                int removals = 0;
                Map<String, Object> changes = tier.changes().apply(delta);
                for (Object value : changes.values()) {
                    removals += value == null ? 1 : 0;
                }
                set.add(changes.size() - removals);
                removed.add(removals);
            }
            return new Shape(List.copyOf(set), List.copyOf(removed));
        }

        boolean fits() {
            return set.stream().allMatch(n -> n <= MAX_KEYS) && removed.stream().allMatch(n -> n <= MAX_KEYS);
        }
    }

    /** A shape's statement and the parameters of its keys and values, in the order of the delta's entries. */
    private record Shaped(RenderedStatement statement, List<List<Param<String>>> keys, List<List<Param<JSONB>>> values,
                          List<List<Param<Long>>> bytes) {
    }

    private final DSLContext dsl;
    private final Param<Long> pk;
    private final Param<Instant> now;
    private final Param<Long> expected;
    private final Map<Shape, Shaped> shapes = new ConcurrentHashMap<>();

    /**
     * @param pk the session's key
     * @param now the append's time
     * @param expected the sequence the caller expects, or null
     */
    StateCte(DSLContext dsl, Param<Long> pk, Param<Instant> now, Param<Long> expected) {
        this.dsl = dsl;
        this.pk = pk;
        this.now = now;
        this.expected = expected;
    }

    /** @return whether one statement can take this delta: it is small enough, and so is the number of shapes */
    boolean takes(StateDelta delta) {
        Shape shape = Shape.of(delta);
        return shape.fits() && (shapes.size() < MAX_SHAPES || shapes.containsKey(shape));
    }

    /**
     * @param row an append whose delta this {@link #takes}
     * @return the statement for the delta's shape, with the scope and the delta's keys and values
     *     set; the caller sets the session's and the event's
     */
    RenderedStatement.Values statementFor(AppendRow row) {
        Shape shape = Shape.of(row.delta());
        Shaped shaped = shapes.computeIfAbsent(shape, this::render);
        RenderedStatement.Values values = shaped.statement().values().set(APP, row.appName()).set(USER, row.userId());
        for (int t = 0; t < TIERS.size(); t++) {
            int set = 0;
            int removed = shape.set().get(t);
            List<Param<String>> keys = shaped.keys().get(t);
            List<Param<JSONB>> tierValues = shaped.values().get(t);
            List<Param<Long>> tierBytes = shaped.bytes().get(t);
            for (Map.Entry<String, Object> change : TIERS.get(t).changes().apply(row.delta()).entrySet()) {
                if (change.getValue() == null) {
                    values.set(keys.get(removed++), change.getKey());
                } else {
                    values.set(keys.get(set), change.getKey()).set(tierValues.get(set), JsonCodec.value(change.getValue()))
                            .set(tierBytes.get(set), StateDelta.entryBytes(change.getKey(), change.getValue()));
                    set++;
                }
            }
        }
        return values;
    }

    private Shaped render(Shape shape) {
        List<QueryPart> arguments = new ArrayList<>();
        List<List<Param<String>>> keys = new ArrayList<>();
        List<List<Param<JSONB>>> values = new ArrayList<>();
        List<List<Param<Long>>> bytes = new ArrayList<>();
        StringBuilder input = new StringBuilder("WITH input AS (SELECT ")
                .append(cast(arguments, pk, "bigint")).append(" AS pk, ")
                .append(cast(arguments, now, "bigint")).append(" AS now, ")
                .append(cast(arguments, expected, "bigint")).append(" AS expected, ")
                .append(cast(arguments, APP, "text")).append(" AS app, ")
                .append(cast(arguments, USER, "text")).append(" AS usr");
        StringBuilder sizes = new StringBuilder("sizes AS (SELECT ");
        StringBuilder writes = new StringBuilder();
        StringBuilder limits = new StringBuilder();
        for (int t = 0; t < TIERS.size(); t++) {
            Tier tier = TIERS.get(t);
            int set = shape.set().get(t);
            int removed = shape.removed().get(t);
            List<Param<String>> tierKeys = new ArrayList<>();
            List<Param<JSONB>> tierValues = new ArrayList<>();
            List<Param<Long>> tierBytes = new ArrayList<>();
            List<String> allKeys = new ArrayList<>();
            StringBuilder rows = new StringBuilder();
            StringBuilder added = new StringBuilder();
            for (int i = 0; i < set + removed; i++) {
                String key = tier.name() + "_k" + i;
                Param<String> keyParam = DSL.param(key, SESSION_STATE.STATE_KEY);
                tierKeys.add(keyParam);
                input.append(", ").append(cast(arguments, keyParam, "text")).append(" AS ").append(key);
                allKeys.add("input." + key);
                if (i < set) {
                    String value = tier.name() + "_v" + i;
                    Param<JSONB> valueParam = DSL.param(value, SESSION_STATE.STATE_VALUE);
                    tierValues.add(valueParam);
                    String size = tier.name() + "_b" + i;
                    Param<Long> sizeParam = DSL.param(size, SESSION_STATE.ENTRY_BYTES);
                    tierBytes.add(sizeParam);
                    input.append(", ").append(cast(arguments, valueParam, "jsonb")).append(" AS ").append(value)
                            .append(", ").append(cast(arguments, sizeParam, "bigint")).append(" AS ").append(size);
                    rows.append(i == 0 ? "" : ", ").append("(input.").append(key).append(", input.").append(value)
                            .append(", input.").append(size).append(')');
                    added.append(" + input.").append(size).append(" + 1");
                }
            }
            keys.add(tierKeys);
            values.add(tierValues);
            bytes.add(tierBytes);
            sizes.append(t == 0 ? "" : ", ");
            if (set + removed == 0) {
                sizes.append("CAST(NULL AS bigint) AS ").append(tier.name()).append("_size");
                continue;
            }
            // 1 + sum(entry_bytes + 1) over the keys after the change, or 2 for none (StateStatements' rule)
            sizes.append("greatest(2, 1 + (SELECT coalesce(sum(t.").append(ENTRY_BYTES).append(" + 1), 0)")
                    .append(" FROM ").append(tier.table()).append(" t WHERE ").append(tier.scope())
                    .append(" AND t.").append(STATE_KEY).append(" NOT IN (").append(String.join(", ", allKeys))
                    .append("))").append(added).append(") AS ").append(tier.name()).append("_size");
            limits.append(" AND sizes.").append(tier.name()).append("_size <= ").append(Limits.MAX_STATE_TIER_BYTES);
            if (set > 0) {
                writes.append(",\n").append(tier.name()).append("_set AS (INSERT INTO ").append(tier.table())
                        .append(" (").append(tier.keyColumns()).append(", ").append(STATE_KEY).append(", ")
                        .append(STATE_VALUE).append(", ").append(ENTRY_BYTES).append(") SELECT ")
                        .append(tier.keyValues()).append(", v.k, v.v, v.b FROM input CROSS JOIN advanced")
                        .append(" CROSS JOIN LATERAL (VALUES ").append(rows).append(") v(k, v, b) ON CONFLICT (")
                        .append(tier.keyColumns()).append(", ").append(STATE_KEY).append(") DO UPDATE SET ")
                        .append(STATE_VALUE).append(" = excluded.").append(STATE_VALUE).append(", ").append(ENTRY_BYTES)
                        .append(" = excluded.").append(ENTRY_BYTES).append(')');
            }
            if (removed > 0) {
                writes.append(",\n").append(tier.name()).append("_removed AS (DELETE FROM ").append(tier.table())
                        .append(" t USING input, advanced WHERE ").append(tier.scope()).append(" AND t.").append(STATE_KEY)
                        .append(" IN (")
                        .append(String.join(", ", allKeys.subList(set, set + removed))).append("))");
            }
        }
        StringBuilder names = new StringBuilder();
        StringBuilder selected = new StringBuilder();
        for (EventColumns.Column<?> column : EventColumns.PAYLOAD) {
            Param<?> value = column.param();
            names.append(column.field().getName()).append(", ");
            selected.append(cast(arguments, value, value.getType() == JSONB.class ? "jsonb" : "text")).append(", ");
        }
        String sql = input.append("),\n")
                .append(sizes).append(" FROM input),\n")
                .append("advanced AS (UPDATE ").append(SESSIONS_TABLE).append(" SET ").append(LAST_SEQUENCE).append(" = ")
                .append(SESSIONS_TABLE).append('.').append(LAST_SEQUENCE).append(" + 1, ").append(UPDATED_AT)
                .append(" = greatest(").append(SESSIONS_TABLE).append('.').append(UPDATED_AT)
                .append(", input.now) FROM input, sizes WHERE ").append(SESSIONS_TABLE).append('.').append(SESSION_KEY)
                .append(" = input.pk AND ").append(SESSIONS_TABLE).append('.').append(LAST_SEQUENCE)
                .append(" = coalesce(input.expected, ").append(SESSIONS_TABLE).append('.').append(LAST_SEQUENCE)
                .append(')').append(limits).append(" RETURNING ").append(SESSIONS_TABLE).append('.').append(LAST_SEQUENCE)
                .append(" AS seq, ").append(SESSIONS_TABLE).append('.').append(UPDATED_AT).append(" AS at),\n")
                .append("inserted AS (INSERT INTO ").append(EVENTS.getName()).append(" (").append(names)
                .append(String.join(", ", EventColumns.POSITION.stream().map(Field::getName).toList()))
                .append(") SELECT ").append(selected).append("input.pk, advanced.seq, advanced.at FROM input, advanced")
                .append(" RETURNING ").append(EVENTS.SEQUENCE.getName()).append(", ").append(EVENTS.CREATED_AT.getName())
                .append(')').append(writes).append('\n')
                .append("SELECT inserted.").append(EVENTS.SEQUENCE.getName()).append(", inserted.")
                .append(EVENTS.CREATED_AT.getName()).append(", sizes.session_size, sizes.app_size,")
                .append(" sizes.user_size FROM sizes LEFT JOIN inserted ON true").toString();
        RenderedStatement statement =
                RenderedStatement.of(dsl, DSL.resultQuery(sql, arguments.toArray(new QueryPart[0])));
        return new Shaped(statement, List.copyOf(keys), List.copyOf(values), List.copyOf(bytes));
    }

    /** Adds a parameter to the template's arguments. */
    private static String cast(List<QueryPart> arguments, Param<?> param, String type) {
        arguments.add(param);
        return "CAST({" + (arguments.size() - 1) + "} AS " + type + ")";
    }

    /**
     * Runs the statement.
     *
     * @throws NoSuchSession if the session is gone or not at the expected sequence
     * @throws IllegalArgumentException if the delta would make a tier too large; nothing is written
     */
    static AppendPosition run(RenderedStatement.Values values, Connection connection) throws SQLException {
        try (PreparedStatement prepared = values.prepare(connection); ResultSet answer = prepared.executeQuery()) {
            return StateStatements.appendedWithState(answer);
        }
    }

    /**
     * @return the statements of two shapes, by name, for the golden SQL file: one key set in the
     *     session tier; one set and one removed in each tier
     */
    Map<String, String> statements() {
        Map<String, String> statements = new LinkedHashMap<>();
        statements.put("append with state, one statement: one key set in the session tier",
                render(new Shape(List.of(1, 0, 0), List.of(0, 0, 0))).statement().sql());
        statements.put("append with state, one statement: a key set and one removed in each tier",
                render(new Shape(List.of(1, 1, 1), List.of(1, 1, 1))).statement().sql());
        return statements;
    }
}
