package dev.agentsession.sqlite;

import static dev.agentsession.sql.schema.Tables.EVENTS;
import static dev.agentsession.sql.schema.Tables.SESSIONS;

import dev.agentsession.sql.spi.AppendPosition;
import dev.agentsession.sql.spi.AppendRow;
import dev.agentsession.sql.spi.Appender;
import dev.agentsession.sql.spi.EventColumns;
import dev.agentsession.sql.spi.RenderedStatement;
import dev.agentsession.sql.spi.StateStatements;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * SQLite's append: {@code UPDATE ... RETURNING} raises the session and answers the new sequence
 * and time, then the insert uses them, in the store's one write transaction (the writer holds
 * SQLite's write lock, so one statement more costs no round trip).
 */
final class ReturningAppender extends Appender {

    private final RenderedStatement advance;
    private final RenderedStatement insert;

    ReturningAppender(DSLContext dsl, StateStatements state) {
        super(state, false);
        advance = RenderedStatement.of(dsl, advance(dsl).returningResult(SESSIONS.LAST_SEQUENCE, SESSIONS.UPDATED_AT));
        insert = RenderedStatement.of(dsl, dsl.insertInto(EVENTS, EventColumns.inserted())
                .values(EventColumns.insertedValues(SESSION_PK, SEQUENCE, CREATED_AT)));
    }

    @Override
    protected AppendPosition run(Connection connection, AppendRow row, boolean alone) throws SQLException {
        AppendPosition position = position(bindAdvance(advance.values(), row), connection, RAISED_POSITION);
        execute(bindInsert(insert.values(), row, position), connection, false);
        return position;
    }

    @Override
    public Map<String, String> statements() {
        Map<String, String> statements = new LinkedHashMap<>();
        statements.put("append: raise the session, answering its new sequence and time", advance.sql());
        statements.put("append: insert the event", insert.sql());
        return statements;
    }
}
