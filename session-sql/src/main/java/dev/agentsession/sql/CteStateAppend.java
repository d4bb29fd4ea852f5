package dev.agentsession.sql;

import static dev.agentsession.sql.schema.Tables.APP_STATE;
import static dev.agentsession.sql.schema.Tables.SESSION_STATE;
import static dev.agentsession.sql.schema.Tables.USER_STATE;

import dev.agentsession.Limits;
import dev.agentsession.internal.StateDelta;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
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
 * worked out before anything is written: the size of its keys that the delta leaves alone plus
 * the size of the values it sets, measured as {@link StateStatements} measures a tier. When a
 * tier would be over {@link Limits#MAX_STATE_TIER_BYTES} the session is not raised, so nothing is
 * written, and the statement answers the sizes for the message. Keys are set in sorted order,
 * tier by tier, then removed; two deltas that set and remove the same keys the other way round
 * can deadlock, which PostgreSQL detects by rolling one of them back, and the store retries it.
 */
final class CteStateAppend {

    /** The most keys one tier of a delta may set, and remove, for this statement. */
    static final int MAX_KEYS = 8;
    /** The most shapes rendered per store. */
    static final int MAX_SHAPES = 128;

    private static final Param<String> APP = DSL.param("state_app", APP_STATE.APP_NAME);
    private static final Param<String> USER = DSL.param("state_user", USER_STATE.USER_ID);


    /** One tier: its table, the condition that picks its rows, its key columns and their values. */
    private record Tier(String name, String table, String scope, String keyColumns, String keyValues,
                        Function<StateDelta, Map<String, Object>> changes) {
    }

    private static final List<Tier> TIERS = List.of(
            new Tier("session", SESSION_STATE.getName(), "t.session_pk = input.pk", "session_pk", "input.pk",
                    StateDelta::session),
            new Tier("app", APP_STATE.getName(), "t.app_name = input.app", "app_name", "input.app", StateDelta::app),
            new Tier("user", USER_STATE.getName(), "t.app_name = input.app AND t.user_id = input.usr",
                    "app_name, user_id", "input.app, input.usr", StateDelta::user));

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
    private record Shaped(RenderedStatement statement, List<List<Param<String>>> keys, List<List<Param<JSONB>>> values) {
    }

    private final DSLContext dsl;
    private final Param<Long> pk;
    private final Param<Instant> now;
    private final Param<Long> expected;
    private final List<Field<?>> columns;
    private final List<Param<?>> eventValues;
    private final Map<Shape, Shaped> shapes = new ConcurrentHashMap<>();

    /**
     * @param pk the session's key
     * @param now the append's time
     * @param expected the sequence the caller expects, or null
     * @param columns the event's columns the caller gives a value for (all but its session, sequence and time)
     * @param eventValues those columns' values, in the same order
     */
    CteStateAppend(DSLContext dsl, Param<Long> pk, Param<Instant> now, Param<Long> expected, List<Field<?>> columns,
            List<Param<?>> eventValues) {
        this.dsl = dsl;
        this.pk = pk;
        this.now = now;
        this.expected = expected;
        this.columns = List.copyOf(columns);
        this.eventValues = List.copyOf(eventValues);
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
    RenderedStatement.Values statementFor(AppendPlan.Row row) {
        Shape shape = Shape.of(row.delta());
        Shaped shaped = shapes.computeIfAbsent(shape, this::render);
        RenderedStatement.Values values = shaped.statement().values().set(APP, row.appName()).set(USER, row.userId());
        for (int t = 0; t < TIERS.size(); t++) {
            int set = 0;
            int removed = shape.set().get(t);
            List<Param<String>> keys = shaped.keys().get(t);
            List<Param<JSONB>> tierValues = shaped.values().get(t);
            for (Map.Entry<String, Object> change : TIERS.get(t).changes().apply(row.delta()).entrySet()) {
                if (change.getValue() == null) {
                    values.set(keys.get(removed++), change.getKey());
                } else {
                    values.set(keys.get(set), change.getKey()).set(tierValues.get(set), JsonCodec.value(change.getValue()));
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
                    input.append(", ").append(cast(arguments, valueParam, "jsonb")).append(" AS ").append(value);
                    rows.append(i == 0 ? "" : ", ").append("(input.").append(key).append(", input.").append(value)
                            .append(')');
                    added.append(" + length(input.").append(key).append(") + length(CAST(input.").append(value)
                            .append(" AS text)) + 4");
                }
            }
            keys.add(tierKeys);
            values.add(tierValues);
            sizes.append(t == 0 ? "" : ", ");
            if (set + removed == 0) {
                sizes.append("CAST(NULL AS bigint) AS ").append(tier.name()).append("_size");
                continue;
            }
            sizes.append("2 + (SELECT coalesce(sum(length(t.state_key) + length(CAST(t.state_value AS text)) + 4), 0)")
                    .append(" FROM ").append(tier.table()).append(" t WHERE ").append(tier.scope())
                    .append(" AND t.state_key NOT IN (").append(String.join(", ", allKeys)).append("))")
                    .append(added).append(" AS ").append(tier.name()).append("_size");
            limits.append(" AND sizes.").append(tier.name()).append("_size <= ").append(Limits.MAX_STATE_TIER_BYTES);
            if (set > 0) {
                writes.append(",\n").append(tier.name()).append("_set AS (INSERT INTO ").append(tier.table())
                        .append(" (").append(tier.keyColumns()).append(", state_key, state_value) SELECT ")
                        .append(tier.keyValues()).append(", v.k, v.v FROM input CROSS JOIN advanced")
                        .append(" CROSS JOIN LATERAL (VALUES ").append(rows).append(") v(k, v) ON CONFLICT (")
                        .append(tier.keyColumns()).append(", state_key) DO UPDATE SET state_value = excluded.state_value)");
            }
            if (removed > 0) {
                writes.append(",\n").append(tier.name()).append("_removed AS (DELETE FROM ").append(tier.table())
                        .append(" t USING input, advanced WHERE ").append(tier.scope()).append(" AND t.state_key IN (")
                        .append(String.join(", ", allKeys.subList(set, set + removed))).append("))");
            }
        }
        StringBuilder names = new StringBuilder();
        StringBuilder selected = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            Param<?> value = eventValues.get(i);
            names.append(columns.get(i).getName()).append(", ");
            selected.append(cast(arguments, value, value.getType() == JSONB.class ? "jsonb" : "text")).append(", ");
        }
        String sql = input.append("),\n")
                .append(sizes).append(" FROM input),\n")
                .append("advanced AS (UPDATE sessions SET last_sequence = sessions.last_sequence + 1,")
                .append(" updated_at = greatest(sessions.updated_at, input.now) FROM input, sizes")
                .append(" WHERE sessions.pk = input.pk")
                .append(" AND sessions.last_sequence = coalesce(input.expected, sessions.last_sequence)").append(limits)
                .append(" RETURNING sessions.last_sequence AS seq, sessions.updated_at AS at),\n")
                .append("inserted AS (INSERT INTO events (").append(names).append("session_pk, sequence, created_at)")
                .append(" SELECT ").append(selected).append("input.pk, advanced.seq, advanced.at FROM input, advanced")
                .append(" RETURNING sequence, created_at)").append(writes).append('\n')
                .append("SELECT inserted.sequence, inserted.created_at, sizes.session_size, sizes.app_size,")
                .append(" sizes.user_size FROM sizes LEFT JOIN inserted ON true").toString();
        RenderedStatement statement =
                RenderedStatement.of(dsl, DSL.resultQuery(sql, arguments.toArray(new QueryPart[0])));
        return new Shaped(statement, List.copyOf(keys), List.copyOf(values));
    }

    /** Adds a parameter to the template's arguments. */
    private static String cast(List<QueryPart> arguments, Param<?> param, String type) {
        arguments.add(param);
        return "CAST({" + (arguments.size() - 1) + "} AS " + type + ")";
    }

    /**
     * Runs the statement.
     *
     * @throws AppendPlan.NoSuchSession if the session is gone or not at the expected sequence
     * @throws IllegalArgumentException if the delta would make a tier too large; nothing is written
     */
    static AppendPlan.Position run(RenderedStatement.Values values, Connection connection) throws SQLException {
        try (PreparedStatement prepared = values.prepare(connection); ResultSet answer = prepared.executeQuery()) {
            return AppendPlan.appendedWithState(answer);
        }
    }
}
