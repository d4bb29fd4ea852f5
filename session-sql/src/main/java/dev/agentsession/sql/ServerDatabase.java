package dev.agentsession.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.agentsession.RetryPolicy;
import dev.agentsession.SessionStoreException;
import dev.agentsession.SessionStoreUnavailableException;
import dev.agentsession.internal.Secrets;
import dev.agentsession.sql.spi.Dialect;
import dev.agentsession.sql.spi.SqlDatabase;
import dev.agentsession.sql.spi.StatementLimit;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * A database server (PostgreSQL, MySQL, MariaDB) reached through a connection pool. Reads and
 * writes share the pool; a transaction is opened with {@code START TRANSACTION} and closed with
 * {@code COMMIT} as statements (switching auto-commit off and on costs some drivers two extra
 * round trips), and the server's row locks order concurrent appends to one session.
 */
final class ServerDatabase implements SqlDatabase {

    /** Tells, from what the server says it is, the dialect to use; once on open. */
    @FunctionalInterface
    interface Detector {
        /**
         * @param metadata the server's description
         * @return the dialect for it
         * @throws SQLException if the server cannot be asked
         * @throws SessionStoreException if the server is not one this backend supports
         */
        Dialect detect(DatabaseMetaData metadata) throws SQLException;
    }

    private final Dialect dialect;
    private final HikariDataSource ownedPool;
    private final DSLContext dsl;
    private final String description;
    private final StatementLimit statementLimit;
    private final RetryPolicy retryPolicy;

    private ServerDatabase(Dialect dialect, DataSource dataSource, HikariDataSource ownedPool, String description,
            StatementLimit statementLimit, RetryPolicy retryPolicy) {
        this.dialect = dialect;
        this.retryPolicy = retryPolicy;
        this.ownedPool = ownedPool;
        this.description = description;
        this.statementLimit = statementLimit;
        this.dsl = DSL.using(dataSource, dialect.sqlDialect(), SqlDatabase.settings());
    }

    /**
     * Opens a database on a pool this class creates and owns (it is closed with the database).
     *
     * @param name the server's name for messages before it is asked, such as "PostgreSQL"
     * @param detector picks the dialect
     * @param pool the pool settings: URL, credentials, size, timeouts, driver properties
     * @param migrate whether to create or upgrade the schema; otherwise it is checked
     * @param retryPolicy how calls are run again after a failure safe to retry
     * @throws SessionStoreUnavailableException if the server cannot be reached
     * @throws SessionStoreException if the schema cannot be migrated or does not match; no
     *     message contains the password
     */
    static ServerDatabase open(String name, Detector detector, HikariConfig pool, boolean migrate,
            RetryPolicy retryPolicy) {
        String description = name + " at " + Secrets.maskUrl(pool.getJdbcUrl());
        HikariDataSource hikari;
        try {
            hikari = new HikariDataSource(pool);
        } catch (RuntimeException e) {
            throw cannotConnect(description, scrubbed(e, pool.getPassword()));
        }
        try {
            return prepare(name, detector, hikari, hikari, description, migrate, retryPolicy);
        } catch (RuntimeException e) {
            hikari.close();
            throw e;
        }
    }

    /**
     * Opens a database on the caller's {@link DataSource}, which the caller keeps and closes.
     *
     * @throws SessionStoreUnavailableException if the server cannot be reached
     * @throws SessionStoreException if the schema cannot be migrated or does not match
     */
    static ServerDatabase open(String name, Detector detector, DataSource dataSource, boolean migrate,
            RetryPolicy retryPolicy) {
        return prepare(name, detector, dataSource, null, name + " (the caller's DataSource)", migrate, retryPolicy);
    }

    private static SessionStoreException cannotConnect(String description, Throwable cause) {
        String message = "cannot connect to " + description;
        return Dialect.isConnectionFailure(cause) ? new SessionStoreUnavailableException(message, cause)
                : new SessionStoreException(message, cause);
    }

    private static ServerDatabase prepare(String name, Detector detector, DataSource dataSource,
            HikariDataSource owned, String generalDescription, boolean migrate, RetryPolicy retryPolicy) {
        Dialect dialect;
        StatementLimit limit;
        try (Connection connection = dataSource.getConnection()) {
            dialect = detector.detect(connection.getMetaData());
            limit = dialect.statementLimit(connection);
        } catch (SQLException e) {
            throw cannotConnect(generalDescription, e);
        }
        // from here on the server is known: "MariaDB at …" rather than "MySQL/MariaDB at …"
        String description = dialect.name() + generalDescription.substring(name.length());
        if (migrate) {
            Migrations.migrate(dataSource, dialect.migrationFolder(), description);
        } else {
            Migrations.requireKnownVersion(dataSource, dialect.migrationFolder(), description);
        }
        ServerDatabase database = new ServerDatabase(dialect, dataSource, owned, description, limit, retryPolicy);
        if (!migrate) {
            List<String> differences;
            try {
                differences = SchemaCheck.differences(database);
            } catch (DataAccessException e) {
                throw dialect.failure("cannot read the schema of " + description, e);
            }
            if (!differences.isEmpty()) {
                throw new SessionStoreException(description + " does not hold this version's schema (open it"
                        + " with migrate on, or apply the migrations in dev/agentsession/migration/" + dialect.migrationFolder()
                        + "): " + String.join("; ", differences));
            }
        }
        return database;
    }

    /**
     * Drivers may echo connection properties in their messages: when one in the chain holds the
     * password, the chain is copied with every message scrubbed, keeping each stack.
     */
    private static Throwable scrubbed(Throwable failure, String password) {
        if (password == null || password.isEmpty()) {
            return failure;
        }
        boolean leaks = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            leaks |= t.getMessage() != null && t.getMessage().contains(password);
        }
        return leaks ? scrubbedCopy(failure, password, 0) : failure;
    }

    private static SessionStoreException scrubbedCopy(Throwable failure, String password, int depth) {
        Throwable cause = failure.getCause();
        SessionStoreException clean = new SessionStoreException(Secrets.scrub(failure.getMessage(), password),
                cause == null || cause == failure || depth > 20 ? null : scrubbedCopy(cause, password, depth + 1));
        clean.setStackTrace(failure.getStackTrace());
        return clean;
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public DSLContext reader() {
        return dsl;
    }

    @Override
    public <T> T statement(Function<DSLContext, T> work) {
        return work.apply(dsl);
    }

    @Override
    public <T> T transaction(Function<DSLContext, T> work) {
        return dsl.connectionResult(connection -> {
            execute(connection, "START TRANSACTION");
            T result;
            try {
                result = work.apply(DSL.using(connection, dialect.sqlDialect(), SqlDatabase.settings()));
            } catch (RuntimeException | Error e) {
                try {
                    execute(connection, "ROLLBACK");
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
            execute(connection, "COMMIT");
            return result;
        });
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    @Override
    public StatementLimit statementLimit() {
        return statementLimit;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        if (ownedPool != null) {
            ownedPool.close();
        }
    }
}
