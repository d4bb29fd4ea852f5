package dev.agentsession.sql.spi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.Query;

/**
 * A statement built with jOOQ on the generated tables and rendered once for a dialect, with its
 * parameters in bind order. Hot paths run it as a plain prepared statement, so the SQL is not
 * rendered again on every call, and drivers and pools that keep prepared statements do not
 * prepare it again either.
 *
 * <p>Values are bound by their {@link Param}, typed as the generated field it was made from
 * ({@code DSL.param("now", SESSIONS.UPDATED_AT)} takes an {@code Instant}), converted by that
 * field's converter and bound in {@link Values#prepare}, the one place where values meet JDBC.
 */
public final class RenderedStatement {

    private final String sql;
    private final List<Param<?>> parameters;
    /** The parameters' names, in bind order; unique within the statement. */
    private final String[] names;
    /** Each parameter's converter, or null where the database type is the Java type. */
    private final Converter<Object, Object>[] converters;

    @SuppressWarnings("unchecked")
    private RenderedStatement(String sql, List<Param<?>> parameters) {
        this.sql = sql;
        this.parameters = parameters;
        this.names = new String[parameters.size()];
        this.converters = new Converter[parameters.size()];
        for (int i = 0; i < names.length; i++) {
            Param<?> param = parameters.get(i);
            names[i] = param.getParamName();
            Converter<Object, Object> converter = (Converter<Object, Object>) param.getConverter();
            converters[i] = converter.fromType() == converter.toType() ? null : converter;
        }
    }

    /**
     * Renders a query whose bind values are all named parameters (inline values are allowed).
     *
     * @throws IllegalStateException if the placeholders do not match the named parameters one to
     *     one: two parameters of one name, or a bind value that is not a named parameter
     */
    public static RenderedStatement of(DSLContext dsl, Query query) {
        List<Param<?>> named = new ArrayList<>();
        for (Param<?> param : dsl.extractParams(query).values()) {
            if (!param.isInline()) {
                if (param.getParamName() == null || param.getParamName().chars().allMatch(Character::isDigit)) {
                    throw new IllegalStateException("a bind value without a name in: " + dsl.render(query));
                }
                named.add(param);
            }
        }
        int placeholders = dsl.extractBindValues(query).size();
        if (placeholders != named.size()) {
            throw new IllegalStateException(placeholders + " placeholders but " + named.size()
                    + " distinct named parameters " + names(named) + " (a name used twice?) in: " + dsl.render(query));
        }
        return new RenderedStatement(dsl.render(query), List.copyOf(named));
    }

    private static List<String> names(List<Param<?>> params) {
        List<String> names = new ArrayList<>();
        for (Param<?> param : params) {
            names.add(param.getParamName());
        }
        return names;
    }

    /** @return the rendered SQL */
    public String sql() {
        return sql;
    }

    /** @return the parameters' names, in bind order */
    public List<String> parameterNames() {
        return List.of(names);
    }

    /** @return a fresh set of values for one run of this statement */
    public Values values() {
        return new Values(this);
    }

    /**
     * The values of one run, set by parameter. A statement is prepared only when every parameter
     * has a value.
     */
    public static final class Values {
        private final RenderedStatement statement;
        private final Object[] values;
        private final boolean[] set;

        private Values(RenderedStatement statement) {
            this.statement = statement;
            this.values = new Object[statement.parameters.size()];
            this.set = new boolean[values.length];
        }

        /**
         * Sets a parameter's value.
         *
         * @throws IllegalArgumentException if the statement has no parameter of that name
         */
        public <T> Values set(Param<T> param, T value) {
            String name = param.getParamName();
            String[] names = statement.names;
            for (int i = 0; i < names.length; i++) {
                if (names[i] == name || names[i].equals(name)) {
                    values[i] = value;
                    set[i] = true;
                    return this;
                }
            }
            throw new IllegalArgumentException("no parameter " + name + " in: " + statement.sql);
        }

        /**
         * Prepares the statement on {@code connection} and binds every value.
         *
         * @throws IllegalStateException if a parameter has no value
         */
        public PreparedStatement prepare(Connection connection) throws SQLException {
            List<Param<?>> parameters = statement.parameters;
            for (int i = 0; i < set.length; i++) {
                if (!set[i]) {
                    throw new IllegalStateException("no value for parameter " + parameters.get(i).getParamName()
                            + " in: " + statement.sql);
                }
            }
            PreparedStatement prepared = connection.prepareStatement(statement.sql);
            try {
                for (int i = 0; i < values.length; i++) {
                    Converter<Object, Object> converter = statement.converters[i];
                    bind(prepared, i + 1, parameters.get(i), converter == null ? values[i] : converter.to(values[i]));
                }
                return prepared;
            } catch (SQLException | RuntimeException e) {
                prepared.close();
                throw e;
            }
        }
    }

    /** Binds a value already converted to its parameter's database type. */
    private static void bind(PreparedStatement statement, int index, Param<?> param, Object stored)
            throws SQLException {
        if (stored == null) {
            Class<?> type = param.getConverter().fromType();
            statement.setNull(index, type == Long.class ? Types.BIGINT : type == Integer.class ? Types.INTEGER
                    : Types.VARCHAR);
        } else if (stored instanceof String text) {
            statement.setString(index, text);
        } else if (stored instanceof Long number) {
            statement.setLong(index, number);
        } else if (stored instanceof Integer number) {
            statement.setInt(index, number);
        } else if (stored instanceof JSONB json) {
            // rendered as the dialect's JSON cast around the placeholder, so text is what it takes
            statement.setString(index, json.data());
        } else {
            throw new IllegalStateException("parameter " + param.getParamName() + " has database type "
                    + stored.getClass().getName() + ", which nothing binds");
        }
    }
}
