package dev.agentsession.sql;

import java.sql.Statement;
import java.sql.Connection;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.agentsession.SessionStoreException;
import dev.agentsession.spi.Secrets;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * A database server (PostgreSQL, MySQL, MariaDB) reached through a connection pool. Reads and
 * writes share the pool; each write is one jOOQ transaction, and the server's row locks order
 * concurrent appends to one session.
 */
public final class ServerDatabase implements SqlDatabase {

    private final ServerDialect dialect;
    private final DataSource dataSource;
    private final HikariDataSource ownedPool;
    private final DSLContext dsl;
    private final String description;
    private final long maxStatementBytes;

    private ServerDatabase(ServerDialect dialect, DataSource dataSource, HikariDataSource ownedPool,
            String description, long maxStatementBytes) {
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        this.description = description;
        this.maxStatementBytes = maxStatementBytes;
        this.dsl = DSL.using(dataSource, dialect.sqlDialect(), SqlDatabase.settings());
    }

    /**
     * Opens a database on a pool this class creates and owns (it is closed with the database).
     *
     * @param dialect the server's specifics
     * @param pool the pool settings: URL, credentials, size, timeouts, driver properties
     * @param migrate whether to create or upgrade the schema; otherwise it is checked
     * @throws SessionStoreException if the server cannot be reached, or the schema cannot be
     *     migrated or does not match; the message never contains the password
     */
    public static ServerDatabase open(ServerDialect dialect, HikariConfig pool, boolean migrate) {
        String description = dialect.name() + " at " + Secrets.maskUrl(pool.getJdbcUrl());
        HikariDataSource hikari;
        try {
            hikari = new HikariDataSource(pool);
        } catch (RuntimeException e) {
            throw new SessionStoreException("cannot connect to " + description, scrubbed(e, pool.getPassword()));
        }
        try {
            return prepare(dialect, hikari, hikari, description, migrate);
        } catch (RuntimeException e) {
            hikari.close();
            throw e;
        }
    }

    /**
     * Opens a database on the caller's {@link DataSource}, which the caller keeps and closes.
     *
     * @throws SessionStoreException if the schema cannot be migrated or does not match
     */
    public static ServerDatabase open(ServerDialect dialect, DataSource dataSource, boolean migrate) {
        return prepare(dialect, dataSource, null, dialect.name() + " (the caller's DataSource)", migrate);
    }

    private static ServerDatabase prepare(ServerDialect expected, DataSource dataSource, HikariDataSource owned,
            String description, boolean migrate) {
        ServerDialect dialect;
        try {
            dialect = expected.detect(dataSource);
        } catch (SQLException e) {
            throw new SessionStoreException("cannot connect to " + description, e);
        }
        if (migrate) {
            Migrations.migrate(dataSource, dialect.migrationFolder(), description);
        }
        long maxStatementBytes;
        try {
            maxStatementBytes = dialect.maxStatementBytes(dataSource);
        } catch (SQLException e) {
            throw new SessionStoreException("cannot read the limits of " + description, e);
        }
        ServerDatabase database = new ServerDatabase(dialect, dataSource, owned, description, maxStatementBytes);
        if (!migrate) {
            List<String> differences;
            try {
                differences = SchemaCheck.differences(database.dsl);
            } catch (DataAccessException e) {
                throw new SessionStoreException("cannot read the schema of " + description, e);
            }
            if (!differences.isEmpty()) {
                throw new SessionStoreException(description + " does not hold this version's schema (open it"
                        + " with migrate on, or apply the migrations in db/migration/" + dialect.migrationFolder()
                        + "): " + String.join("; ", differences));
            }
        }
        return database;
    }

    /**
     * Drivers may echo connection properties in their messages; keep the failure and its stack,
     * but never the password.
     */
    private static Throwable scrubbed(Throwable failure, String password) {
        if (password == null || password.isEmpty()) {
            return failure;
        }
        boolean leaks = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            leaks |= t.getMessage() != null && t.getMessage().contains(password);
        }
        if (!leaks) {
            return failure;
        }
        SessionStoreException clean = new SessionStoreException(Secrets.scrub(failure.getMessage(), password));
        clean.setStackTrace(failure.getStackTrace());
        return clean;
    }

    @Override
    public SQLDialect dialect() {
        return dialect.sqlDialect();
    }

    @Override
    public DSLContext reads() {
        return dsl;
    }

    @Override
    public <T> T write(Function<DSLContext, T> work) {
        if (!dialect.explicitTransactions()) {
            return dsl.transactionResult(configuration -> work.apply(configuration.dsl()));
        }
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
    public boolean isDuplicateKey(DataAccessException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && dialect.isDuplicateKey(sql)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public long maxStatementBytes() {
        return maxStatementBytes;
    }

    @Override
    public String description() {
        return description;
    }

    /** @return the connections this database uses */
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        if (ownedPool != null) {
            ownedPool.close();
        }
    }
}
