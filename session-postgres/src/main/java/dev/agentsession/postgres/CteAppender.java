package dev.agentsession.postgres;

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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * PostgreSQL's append: one statement, a data-modifying CTE ({@code WITH advanced AS (UPDATE ...
 * RETURNING) INSERT ... SELECT ... RETURNING}), run in auto-commit: atomic on its own, one round
 * trip. An append whose delta changes state is one statement too, where {@link StateCte} takes
 * its shape.
 */
final class CteAppender extends Appender {

    private static final Field<Long> SEQ = DSL.field(DSL.name("advanced", "seq"), SESSIONS.LAST_SEQUENCE.getDataType());
    private static final Field<Instant> AT = DSL.field(DSL.name("advanced", "at"), SESSIONS.UPDATED_AT.getDataType());

    private final RenderedStatement statement;
    private final StateCte withState;

    CteAppender(DSLContext dsl, StateStatements state) {
        super(state, true);
        withState = new StateCte(dsl, PK, NOW, EXPECTED);
        var advanced = DSL.name("advanced").fields("seq", "at")
                .as(advance(dsl).returningResult(SESSIONS.LAST_SEQUENCE, SESSIONS.UPDATED_AT));
        statement = RenderedStatement.of(dsl, dsl.with(advanced)
                .insertInto(EVENTS, EventColumns.inserted())
                .select(DSL.select(EventColumns.insertedValues(SESSION_PK, SEQ, AT)).from(advanced))
                .returningResult(EVENTS.SEQUENCE, EVENTS.CREATED_AT));
    }

    @Override
    protected boolean writesState(AppendRow row) {
        return withState.takes(row.delta());
    }

    @Override
    protected AppendPosition run(Connection connection, AppendRow row, boolean alone) throws SQLException {
        if (alone && !row.delta().isEmpty()) {
            return StateCte.run(bindAdvanceAndEvent(withState.statementFor(row), row), connection);
        }
        return position(bindAdvanceAndEvent(statement.values(), row).set(SESSION_PK, row.sessionPk()), connection,
                INSERTED_POSITION);
    }

    @Override
    public Map<String, String> statements() {
        Map<String, String> statements = new LinkedHashMap<>();
        statements.put("append: one statement (a data-modifying CTE)", statement.sql());
        statements.putAll(withState.statements());
        return statements;
    }
}
