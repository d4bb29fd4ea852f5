package dev.agentsession.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.agentsession.SessionStoreException;
import dev.agentsession.sql.SqlDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * One SQLite file: a pool of reader connections, and a single writer connection that threads
 * take in turn (a fair lock), so they queue in this process instead of fighting over SQLite's
 * write lock. Each write is an explicit {@code BEGIN IMMEDIATE} … {@code COMMIT} on the writer,
 * which takes the file's write lock at the start, so a second process on the same file waits in
 * the busy handler rather than failing halfway through.
 */
final class SqliteDatabase implements SqlDatabase {

    /** How long one write waits in all for another process's write lock before failing. */
    static final Duration LOCK_WAIT = Duration.ofSeconds(30);

    private final Path file;
    private final HikariDataSource readPool;
    private final HikariDataSource writerPool;
    private final DSLContext reads;
    private final DSLContext writes;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    /** The writer connection while a write runs; guarded by {@link #writeLock}. */
    private Connection writer;

    SqliteDatabase(Path file, SQLiteConfig config, int readPoolSize) {
        this.file = file;
        this.writerPool = pool(file, config, "agent-session-sqlite-writer", 1);
        try {
            this.readPool = pool(file, config, "agent-session-sqlite-reader", readPoolSize);
        } catch (RuntimeException e) {
            writerPool.close();
            throw e;
        }
        this.reads = DSL.using(readPool, SQLDialect.SQLITE, SqlDatabase.settings());
        this.writes = DSL.using(new ConnectionProvider() {
            @Override
            public Connection acquire() {
                return writer;
            }

            @Override
            public void release(Connection connection) {
                // the writer stays with the write that holds the lock
            }
        }, SQLDialect.SQLITE, SqlDatabase.settings());
    }

    static SQLiteConfig config(Synchronous synchronous) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(synchronous == Synchronous.FULL
                ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(5_000);
        return config;
    }

    private static HikariDataSource pool(Path file, SQLiteConfig config, String name, int size) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setDriverClassName("org.sqlite.JDBC");
        hikari.setJdbcUrl(url(file));
        hikari.setDataSourceProperties(config.toProperties());
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(1);
        hikari.setAutoCommit(true);
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new SessionStoreException("cannot open the SQLite file " + file, e);
        }
    }

    static String url(Path file) {
        return "jdbc:sqlite:" + file;
    }

    /** @return the reader pool, for backups and checks */
    HikariDataSource readPool() {
        return readPool;
    }

    @Override
    public SQLDialect dialect() {
        return SQLDialect.SQLITE;
    }

    @Override
    public DSLContext reads() {
        return reads;
    }

    @Override
    public <T> T write(Function<DSLContext, T> work) {
        writeLock.lock();
        try (Connection connection = writerPool.getConnection()) {
            writer = connection;
            try {
                begin(connection);
                T result;
                try {
                    result = work.apply(writes);
                } catch (RuntimeException | Error e) {
                    rollback(connection, e);
                    throw e;
                }
                execute(connection, "COMMIT");
                return result;
            } finally {
                writer = null;
            }
        } catch (SQLException e) {
            throw new DataAccessException("SQLite write failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Takes the file's write lock, waiting for other processes up to {@link #LOCK_WAIT}. */
    private static void begin(Connection connection) throws SQLException {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (true) {
            try {
                execute(connection, "BEGIN IMMEDIATE");
                return;
            } catch (SQLException e) {
                // busy_timeout already waited 5 s in the driver's handler; keep waiting until the deadline
                if (!isBusy(e) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    private static void rollback(Connection connection, Throwable failure) {
        try {
            execute(connection, "ROLLBACK");
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static boolean isBusy(SQLException e) {
        // extended codes such as SQLITE_BUSY_SNAPSHOT carry the primary code in the low byte
        return e instanceof SQLiteException sqlite
                && (sqlite.getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_BUSY.code;
    }

    @Override
    public boolean isDuplicateKey(DataAccessException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLiteException sqlite) {
                SQLiteErrorCode code = sqlite.getResultCode();
                return code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                        || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
            }
        }
        return false;
    }

    @Override
    public boolean updateReturning() {
        return true;
    }

    @Override
    public String description() {
        return "SQLite file " + file;
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            readPool.close();
            writerPool.close();
        } finally {
            writeLock.unlock();
        }
    }
}
