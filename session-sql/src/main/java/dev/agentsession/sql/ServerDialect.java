package dev.agentsession.sql;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.SQLDialect;

/**
 * What one database server needs beyond the shared queries: the jOOQ dialect, the migration
 * folder, how its errors read, and what it can do. Implemented by the PostgreSQL and
 * MySQL/MariaDB backends; {@link ServerDatabase} does the rest.
 */
public interface ServerDialect {

    /**
     * Asks the server what it is, once on open, where that changes the dialect (MySQL or MariaDB).
     *
     * @return the dialect for this server; this one by default
     */
    default ServerDialect detect(DataSource dataSource) throws SQLException {
        return this;
    }

    /** @return the server's name for messages, such as "PostgreSQL" */
    String name();

    /** @return the jOOQ dialect, chosen from what the server says it is */
    SQLDialect sqlDialect();

    /** @return the folder of this dialect's migrations under {@code db/migration} */
    String migrationFolder();

    /** @return whether {@code e} (from this server's driver) reports a duplicate unique key */
    boolean isDuplicateKey(SQLException e);

    /**
     * @return whether write transactions should be opened and closed with {@code START
     *     TRANSACTION} / {@code COMMIT} statements instead of switching the connection's
     *     auto-commit off and on, which costs this server's driver two extra round trips
     */
    default boolean explicitTransactions() {
        return false;
    }

    /**
     * Reads, once on open, the most bytes one statement may carry.
     *
     * @return the limit, or {@link Long#MAX_VALUE} for none below the library's own
     */
    default long maxStatementBytes(DataSource dataSource) throws SQLException {
        return Long.MAX_VALUE;
    }
}
