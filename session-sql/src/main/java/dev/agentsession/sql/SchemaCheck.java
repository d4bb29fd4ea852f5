package dev.agentsession.sql;

import dev.agentsession.Limits;
import dev.agentsession.sql.schema.DefaultSchema;
import dev.agentsession.sql.spi.SqlDatabase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.UniqueKey;

/**
 * Compares a live database's schema with the classes generated from the migrations: the same
 * tables, columns, kinds of type, nullability, primary keys and unique keys. Used by tests to
 * prove the migrations and the generated classes have not drifted apart, and on open when a
 * store's schema is managed elsewhere.
 */
public final class SchemaCheck {

    private SchemaCheck() {
    }

    /**
     * @param database the database to check
     * @return a sentence for each difference; empty when the schema matches
     * @throws org.jooq.exception.DataAccessException if the catalog cannot be read
     */
    public static List<String> differences(SqlDatabase database) {
        DSLContext dsl = database.reader();
        boolean jsonAsText = database.dialect().jsonAsText();
        List<String> differences = new ArrayList<>();
        // Only the schema (PostgreSQL) or database (MySQL) the connection works in; SQLite has one.
        String current = dsl.connectionResult(c -> c.getSchema() != null ? c.getSchema() : c.getCatalog());
        Map<String, Table<?>> live = new LinkedHashMap<>();
        for (Table<?> table : dsl.meta().getTables()) {
            String schema = table.getSchema() == null ? null : table.getSchema().getName();
            if (current == null || schema == null || schema.isEmpty() || schema.equalsIgnoreCase(current)) {
                live.putIfAbsent(table.getName().toLowerCase(Locale.ROOT), table);
            }
        }
        for (Table<?> expected : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            Table<?> actual = live.get(expected.getName());
            if (actual == null) {
                differences.add("table " + expected.getName() + " is missing");
                continue;
            }
            compareColumns(expected, actual, jsonAsText, differences);
            compareKeys(expected, actual, differences);
        }
        return differences;
    }

    private static void compareColumns(Table<?> expected, Table<?> actual, boolean jsonAsText, List<String> out) {
        Map<String, Field<?>> columns = new LinkedHashMap<>();
        for (Field<?> field : actual.fields()) {
            columns.put(field.getName().toLowerCase(Locale.ROOT), field);
        }
        for (Field<?> field : expected.fields()) {
            Field<?> column = columns.remove(field.getName());
            String name = expected.getName() + "." + field.getName();
            if (column == null) {
                out.add("column " + name + " is missing");
                continue;
            }
            DataType<?> want = field.getDataType();
            DataType<?> have = column.getDataType();
            if (!compatible(kind(want), kind(have), jsonAsText)) {
                out.add("column " + name + " is " + have.getTypeName() + ", expected a " + kind(want)
                        + " type like " + want.getTypeName());
            }
            // A text column (not a VARCHAR key) must hold the largest event, unlike MySQL's TEXT.
            if (have.getTypeName().equalsIgnoreCase("clob") && have.length() > 0
                    && have.length() < Limits.MAX_EVENT_BYTES) {
                out.add("column " + name + " holds at most " + have.length() + " bytes, less than an event may"
                        + " carry (" + Limits.MAX_EVENT_BYTES + "); use a larger text type such as LONGTEXT");
            }
            if (want.nullable() != have.nullable()) {
                out.add("column " + name + " is " + (have.nullable() ? "nullable" : "NOT NULL")
                        + ", expected " + (want.nullable() ? "nullable" : "NOT NULL"));
            }
        }
        for (String extra : columns.keySet()) {
            out.add("column " + expected.getName() + "." + extra + " is not in the generated classes");
        }
    }

    private static void compareKeys(Table<?> expected, Table<?> actual, List<String> out) {
        Set<List<String>> want = keyColumns(expected);
        Set<List<String>> have = keyColumns(actual);
        for (List<String> key : want) {
            if (!have.contains(key)) {
                out.add("table " + expected.getName() + " lacks the unique key " + key);
            }
        }
        for (List<String> key : have) {
            if (!want.contains(key)) {
                out.add("table " + expected.getName() + " has a unique key " + key + " the generated classes lack");
            }
        }
    }

    private static Set<List<String>> keyColumns(Table<?> table) {
        Set<List<String>> keys = new HashSet<>();
        List<UniqueKey<?>> all = new ArrayList<>(table.getKeys());
        if (table.getPrimaryKey() != null) {
            all.add(table.getPrimaryKey());
        }
        for (UniqueKey<?> key : all) {
            List<String> columns = new ArrayList<>();
            for (Field<?> field : key.getFields()) {
                columns.add(field.getName().toLowerCase(Locale.ROOT));
            }
            keys.add(columns);
        }
        return keys;
    }

    private enum Kind { INTEGER, TEXT, JSON, OTHER }

    private static Kind kind(DataType<?> type) {
        DataType<?> sql = type.getSQLDataType() == null ? type : type.getSQLDataType();
        if (sql.isInteger()) {
            return Kind.INTEGER;
        }
        if (sql.isJSON()) {
            return Kind.JSON;
        }
        if (sql.isString()) {
            return Kind.TEXT;
        }
        return Kind.OTHER;
    }

    /** Where the catalog shows JSON as text (SQLite, MariaDB), a text column is right for a JSON one. */
    private static boolean compatible(Kind want, Kind have, boolean jsonAsText) {
        if (want == have) {
            return true;
        }
        return want == Kind.JSON && have == Kind.TEXT && jsonAsText;
    }
}
