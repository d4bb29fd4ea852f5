package dev.agentsession.sql.spi;

import static dev.agentsession.sql.schema.Tables.EVENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.ResultSet;
import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.tools.jdbc.MockResultSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("columns read through the generated fields")
class ColumnsTest {

    private static final Columns COLUMNS = Columns.of(EVENTS.SEQUENCE, EVENTS.CONTENT, EVENTS.ACTIONS,
            EVENTS.CREATED_AT);

    /** A row as a database returns it: microseconds, text and JSON text, without converters. */
    private static ResultSet row(Long sequence, String content, String actions, Long micros) throws Exception {
        DSLContext dsl = DSL.using(SQLDialect.DEFAULT);
        var sequenceColumn = DSL.field("sequence", SQLDataType.BIGINT);
        var contentColumn = DSL.field("content", SQLDataType.CLOB);
        var actionsColumn = DSL.field("actions", SQLDataType.CLOB);
        var timeColumn = DSL.field("created_at", SQLDataType.BIGINT);
        var result = dsl.newResult(sequenceColumn, contentColumn, actionsColumn, timeColumn);
        var record = dsl.newRecord(sequenceColumn, contentColumn, actionsColumn, timeColumn);
        record.set(sequenceColumn, sequence);
        record.set(contentColumn, content);
        record.set(actionsColumn, actions);
        record.set(timeColumn, micros);
        result.add(record);
        ResultSet rows = new MockResultSet(result);
        rows.next();
        return rows;
    }

    @Test
    @DisplayName("each value comes back in its field's type, through its converter")
    void typedValues() throws Exception {
        ResultSet rows = row(7L, "hello", "[{\"toolName\":\"t\"}]", 1_700_000_000_123_456L);

        assertThat(COLUMNS.get(rows, EVENTS.SEQUENCE)).isEqualTo(7L);
        assertThat(COLUMNS.get(rows, EVENTS.CONTENT)).isEqualTo("hello");
        assertThat(COLUMNS.get(rows, EVENTS.ACTIONS)).isEqualTo(JSONB.valueOf("[{\"toolName\":\"t\"}]"));
        assertThat(COLUMNS.get(rows, EVENTS.CREATED_AT)).isEqualTo(Instant.parse("2023-11-14T22:13:20.123456Z"));
    }

    @Test
    @DisplayName("SQL NULL comes back as null, whatever the type")
    void nulls() throws Exception {
        ResultSet rows = row(null, null, null, null);

        assertThat(COLUMNS.get(rows, EVENTS.SEQUENCE)).isNull();
        assertThat(COLUMNS.get(rows, EVENTS.CONTENT)).isNull();
        assertThat(COLUMNS.get(rows, EVENTS.ACTIONS)).isNull();
        assertThat(COLUMNS.get(rows, EVENTS.CREATED_AT)).isNull();
    }

    @Test
    @DisplayName("a field the statement does not select is refused")
    void unknownField() throws Exception {
        ResultSet rows = row(1L, "x", null, 0L);
        assertThatThrownBy(() -> COLUMNS.get(rows, EVENTS.AUTHOR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column author is not among");
    }
}
