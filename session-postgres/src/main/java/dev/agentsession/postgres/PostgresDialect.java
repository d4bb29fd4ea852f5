package dev.agentsession.postgres;

import dev.agentsession.sql.ServerDialect;
import java.sql.SQLException;
import org.jooq.SQLDialect;

/** PostgreSQL's specifics: jsonb, SQLState 23505 for a duplicate key. */
final class PostgresDialect implements ServerDialect {

    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public SQLDialect sqlDialect() {
        return SQLDialect.POSTGRES;
    }

    @Override
    public String migrationFolder() {
        return "postgresql";
    }

    @Override
    public boolean isDuplicateKey(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

}
