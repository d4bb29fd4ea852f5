package dev.agentsession.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Converter;
import org.jooq.Field;
import org.jooq.JSONB;

/**
 * The columns a statement selects, in order, and how to read one of them from a row: the
 * column's position comes from this list and its value goes through the generated field's
 * converter (microseconds to {@code Instant}, text to {@code JSONB}), so no caller reads by
 * position or by name. Reading straight from the {@link ResultSet} keeps the per-turn reads free
 * of jOOQ's record machinery, which cost more than the queries themselves.
 */
final class Columns {

    private final List<Field<?>> fields;
    private final Map<Field<?>, Integer> positions = new IdentityHashMap<>();

    private Columns(List<Field<?>> fields) {
        this.fields = List.copyOf(fields);
        for (int i = 0; i < this.fields.size(); i++) {
            positions.put(this.fields.get(i), i + 1);
        }
    }

    /** @param fields generated fields, in the order the statement selects them */
    static Columns of(Field<?>... fields) {
        return new Columns(List.of(fields));
    }

    /** @return the fields, in select order */
    List<Field<?>> fields() {
        return fields;
    }

    /**
     * Reads one column of the current row.
     *
     * @throws IllegalArgumentException if the statement does not select {@code field}
     */
    @SuppressWarnings("unchecked")
    <T> T get(ResultSet row, Field<T> field) throws SQLException {
        Integer position = positions.get(field);
        if (position == null) {
            throw new IllegalArgumentException("column " + field.getName() + " is not among " + fields);
        }
        Converter<Object, T> converter = (Converter<Object, T>) field.getConverter();
        Class<?> type = converter.fromType();
        Object stored;
        if (type == Long.class) {
            long value = row.getLong(position);
            stored = row.wasNull() ? null : value;
        } else if (type == Integer.class) {
            int value = row.getInt(position);
            stored = row.wasNull() ? null : value;
        } else if (type == String.class) {
            stored = row.getString(position);
        } else if (type == JSONB.class) {
            String text = row.getString(position);
            stored = text == null ? null : JSONB.valueOf(text);
        } else {
            throw new IllegalStateException("column " + field.getName() + " has database type " + type.getName()
                    + ", which nothing reads");
        }
        return converter.from(stored);
    }
}
