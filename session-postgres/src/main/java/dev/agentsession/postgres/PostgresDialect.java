package dev.agentsession.postgres;

import dev.agentsession.sql.AppendPlan;
import dev.agentsession.sql.Dialect;
import org.jooq.SQLDialect;

/** PostgreSQL's specifics: {@code jsonb}, and an append in one statement (a data-modifying CTE). */
final class PostgresDialect extends Dialect {

    static final PostgresDialect INSTANCE = new PostgresDialect();

    private PostgresDialect() {
        super("PostgreSQL", SQLDialect.POSTGRES, "postgresql", AppendPlan.dataModifyingCte(), false);
    }
}
