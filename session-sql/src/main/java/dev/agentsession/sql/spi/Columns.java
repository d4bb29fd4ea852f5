package dev.agentsession.sql.spi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jooq.Converter;
import org.jooq.Field;
import org.jooq.JSONB;

/**
 * The columns a statement selects, in order, and how to read one of them from a row: the
 * column's position comes from this list and its value goes through the generated field's
 * converter (microseconds to {@code Instant}, text to {@code JSONB}), so no caller reads by
 * position or by name. Reading straight from the {@link ResultSet} keeps the per-turn reads free
 * of jOOQ's record machinery, which cost more than the queries themselves; everything a read
 * needs is worked out once, when the statement's columns are declared.
 */
public final class Columns {

    /** How a column's database value comes out of JDBC. */
    private enum Kind { LONG, INTEGER, STRING, JSONB }

    /** One selected column: its field, position, JDBC kind and converter. */
    private record Column(Field<?> field, int position, Kind kind, Converter<Object, Object> converter,
                          boolean converts) {
    }

    private final List<Field<?>> fields;
    private final Column[] columns;

    @SuppressWarnings("unchecked")
    private Columns(List<Field<?>> fields) {
        this.fields = List.copyOf(fields);
        this.columns = new Column[fields.size()];
        for (int i = 0; i < columns.length; i++) {
            Field<?> field = fields.get(i);
            Converter<Object, Object> converter = (Converter<Object, Object>) field.getConverter();
            columns[i] = new Column(field, i + 1, kind(field, converter.fromType()), converter,
                    converter.fromType() != converter.toType());
        }
    }

    private static Kind kind(Field<?> field, Class<?> type) {
        if (type == Long.class) {
            return Kind.LONG;
        }
        if (type == Integer.class) {
            return Kind.INTEGER;
        }
        if (type == String.class) {
            return Kind.STRING;
        }
        if (type == JSONB.class) {
            return Kind.JSONB;
        }
        throw new IllegalStateException("column " + field.getName() + " has database type " + type.getName()
                + ", which nothing reads");
    }

    /**
     * @param fields generated fields, in the order the statement selects them
     * @return the columns
     */
    public static Columns of(Field<?>... fields) {
        return new Columns(List.of(fields));
    }

    /** @return the fields, in select order */
    public List<Field<?>> fields() {
        return fields;
    }

    /**
     * Reads one column of the current row.
     *
     * @throws IllegalArgumentException if the statement does not select {@code field}
     */
    @SuppressWarnings("unchecked")
    public <T> T get(ResultSet row, Field<T> field) throws SQLException {
        Column column = column(field);
        int position = column.position();
        Object stored;
        switch (column.kind()) {
            case LONG -> {
                long value = row.getLong(position);
                stored = value == 0 && row.wasNull() ? null : value;
            }
            case INTEGER -> {
                int value = row.getInt(position);
                stored = value == 0 && row.wasNull() ? null : value;
            }
            case STRING -> stored = row.getString(position);
            default -> {
                String text = row.getString(position);
                stored = text == null ? null : JSONB.valueOf(text);
            }
        }
        return (T) (column.converts() ? column.converter().from(stored) : stored);
    }

    /** The column of a field: the same generated instance, found by identity among a few. */
    private Column column(Field<?> field) {
        for (Column column : columns) {
            if (column.field() == field) {
                return column;
            }
        }
        throw new IllegalArgumentException("column " + field.getName() + " is not among " + fields);
    }
}
