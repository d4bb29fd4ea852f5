package dev.agentsession.postgres;

import dev.agentsession.sql.spi.Appender;
import dev.agentsession.sql.spi.Dialect;
import dev.agentsession.sql.spi.StateStatements;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/** PostgreSQL's specifics: {@code jsonb}, and an append in one statement (a data-modifying CTE). */
final class PostgresDialect extends Dialect {

    static final PostgresDialect INSTANCE = new PostgresDialect();

    private PostgresDialect() {
        super("PostgreSQL", SQLDialect.POSTGRES, "postgresql", false);
    }

    /** One statement, a data-modifying CTE, in auto-commit: {@link CteAppender}. */
    @Override
    public Appender appender(DSLContext dsl, StateStatements state) {
        return new CteAppender(dsl, state);
    }
}
