package dev.agentsession.mysql;

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
import org.jooq.impl.DSL;

/**
 * MariaDB's append without its routine: the update, then {@code INSERT ... SELECT ... RETURNING}
 * reading the updated row, in one transaction. MariaDB has {@code INSERT ... RETURNING} but no
 * {@code UPDATE ... RETURNING}.
 */
final class InsertSelectAppender extends Appender {

    private final RenderedStatement advance;
    private final RenderedStatement insertSelect;

    InsertSelectAppender(DSLContext dsl, StateStatements state) {
        super(state, false);
        advance = RenderedStatement.of(dsl, advance(dsl));
        insertSelect = RenderedStatement.of(dsl, dsl.insertInto(EVENTS, EventColumns.inserted())
                .select(DSL.select(EventColumns.insertedValues(SESSIONS.PK, SESSIONS.LAST_SEQUENCE, SESSIONS.UPDATED_AT))
                        .from(SESSIONS).where(SESSIONS.PK.eq(PK)))
                .returningResult(EVENTS.SEQUENCE, EVENTS.CREATED_AT));
    }

    @Override
    protected AppendPosition run(Connection connection, AppendRow row, boolean alone) throws SQLException {
        execute(bindAdvance(advance.values(), row), connection, true);
        return position(EventColumns.bind(insertSelect.values(), row.payload()).set(PK, row.sessionPk()), connection,
                INSERTED_POSITION);
    }

    @Override
    public Map<String, String> statements() {
        Map<String, String> statements = new LinkedHashMap<>();
        statements.put("append without the routine: raise the session", advance.sql());
        statements.put("append without the routine: insert the event from the raised row", insertSelect.sql());
        return statements;
    }
}
