package dev.agentsession.sql;

import dev.agentsession.sql.schema.EpochMicrosConverter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.Query;

/**
 * A statement built with jOOQ on the generated tables, rendered once for a dialect, with the
 * names of its parameters in the order they are bound. Hot paths run it as a plain prepared
 * statement, so the SQL is not rendered again on every call; drivers and pools that keep
 * prepared statements then do not prepare it again either.
 *
 * @param sql the rendered SQL
 * @param parameters the parameter names, in bind order
 */
record RenderedStatement(String sql, List<String> parameters) {

    private static final EpochMicrosConverter MICROS = new EpochMicrosConverter();

    /** Renders a query whose bind values are all named parameters (inline values are allowed). */
    static RenderedStatement of(DSLContext dsl, Query query) {
        List<String> names = new ArrayList<>();
        for (Param<?> param : dsl.extractParams(query).values()) {
            if (!param.isInline()) {
                names.add(param.getParamName());
            }
        }
        return new RenderedStatement(dsl.render(query), List.copyOf(names));
    }

    /**
     * Prepares the statement and binds its parameters.
     *
     * @param namesAndValues name, value, name, value …; a value is a String, Long, Integer,
     *     Instant (bound as epoch microseconds), JSONB (bound as its text) or null
     */
    PreparedStatement prepare(Connection connection, Object... namesAndValues) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.size(); i++) {
                bind(statement, i + 1, valueOf(parameters.get(i), namesAndValues));
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static Object valueOf(String name, Object[] namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i].equals(name)) {
                return namesAndValues[i + 1];
            }
        }
        throw new IllegalStateException("no value for parameter " + name);
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else if (value instanceof String text) {
            statement.setString(index, text);
        } else if (value instanceof Long number) {
            statement.setLong(index, number);
        } else if (value instanceof Integer number) {
            statement.setInt(index, number);
        } else if (value instanceof Instant instant) {
            statement.setLong(index, MICROS.to(instant));
        } else if (value instanceof JSONB json) {
            statement.setString(index, json.data());
        } else {
            throw new IllegalArgumentException("cannot bind a " + value.getClass().getName());
        }
    }
}
