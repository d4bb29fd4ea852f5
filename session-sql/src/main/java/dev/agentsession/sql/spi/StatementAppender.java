package dev.agentsession.sql.spi;

import static dev.agentsession.sql.schema.Tables.EVENTS;
import static dev.agentsession.sql.schema.Tables.SESSIONS;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The append that needs nothing special of a database: the update that raises the session, a read
 * of the raised row, then the insert, in one transaction. It is every dialect's unless the dialect
 * hands out its own (MySQL's append without its routine is this one).
 */
public final class StatementAppender extends Appender {

    private final RenderedStatement advance;
    private final RenderedStatement readBack;
    private final RenderedStatement insert;

    /**
     * @param dsl the store's context, in its dialect
     * @param state the store's state statements
     */
    public StatementAppender(DSLContext dsl, StateStatements state) {
        super(state, false);
        advance = RenderedStatement.of(dsl, advance(dsl));
        readBack = RenderedStatement.of(dsl, dsl.select(SESSIONS.LAST_SEQUENCE, SESSIONS.UPDATED_AT)
                .from(SESSIONS).where(SESSIONS.PK.eq(PK)));
        insert = RenderedStatement.of(dsl, dsl.insertInto(EVENTS, EventColumns.inserted())
                .values(EventColumns.insertedValues(SESSION_PK, SEQUENCE, CREATED_AT)));
    }

    @Override
    protected AppendPosition run(Connection connection, AppendRow row, boolean alone) throws SQLException {
        execute(bindAdvance(advance.values(), row), connection, true);
        AppendPosition position = position(readBack.values().set(PK, row.sessionPk()), connection, RAISED_POSITION);
        execute(bindInsert(insert.values(), row, position), connection, false);
        return position;
    }

    @Override
    public Map<String, String> statements() {
        Map<String, String> statements = new LinkedHashMap<>();
        statements.put("append: raise the session", advance.sql());
        statements.put("append: read the raised session", readBack.sql());
        statements.put("append: insert the event", insert.sql());
        return statements;
    }
}
