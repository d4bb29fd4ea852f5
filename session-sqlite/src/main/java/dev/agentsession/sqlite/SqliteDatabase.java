package dev.agentsession.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.agentsession.SessionStoreException;
import dev.agentsession.sql.SqlDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.apache.commons.dbcp2.BasicDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * One SQLite file: a pool of reader connections (HikariCP), and a single writer connection that
 * threads take in turn (a fair lock), so they queue in this process instead of fighting over
 * SQLite's write lock. Each write is an explicit {@code BEGIN IMMEDIATE} … {@code COMMIT} on the
 * writer, which takes the file's write lock at the start, so a second process on the same file
 * waits in the busy handler rather than failing halfway through.
 *
 * <p>The writer comes from a one-connection Commons DBCP pool with prepared-statement pooling:
 * sqlite-jdbc has no statement cache and HikariCP deliberately none, and preparing the append's
 * two statements again on every call cost more than running them. {@code BEGIN} and
 * {@code COMMIT} go straight to the native connection, without a JDBC statement.
 */
final class SqliteDatabase implements SqlDatabase {

    /** How long one write waits in all for another process's write lock before failing. */
    static final Duration LOCK_WAIT = Duration.ofSeconds(30);

    private final Path file;
    private final HikariDataSource readPool;
    private final BasicDataSource writerPool;
    private final DSLContext reads;
    private final DSLContext writes;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    /** The writer connection while a write runs; guarded by {@link #writeLock}. */
    private Connection writer;

    SqliteDatabase(Path file, SQLiteConfig config, int readPoolSize) {
        this.file = file;
        // The reader pool opens connections at once, so a bad file fails here; the writer opens lazily.
        this.readPool = pool(file, config, "agent-session-sqlite-reader", readPoolSize);
        this.writerPool = writerPool(file, config);
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

    private static BasicDataSource writerPool(Path file, SQLiteConfig config) {
        BasicDataSource pool = new BasicDataSource();
        pool.setDriverClassName("org.sqlite.JDBC");
        pool.setUrl(url(file));
        config.toProperties().forEach((name, value) -> pool.addConnectionProperty((String) name, (String) value));
        pool.setMaxTotal(1);
        pool.setMaxIdle(1);
        pool.setDefaultAutoCommit(true);
        pool.setPoolPreparedStatements(true);
        pool.setMaxOpenPreparedStatements(64);
        return pool;
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

    /** Runs a statement without results on the native connection: no JDBC statement to make. */
    private static void execute(Connection connection, String sql) throws SQLException {
        connection.unwrap(SQLiteConnection.class).getDatabase().exec(sql, true);
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
        } catch (SQLException e) {
            throw new SessionStoreException("closing the SQLite writer of " + file + " failed", e);
        } finally {
            writeLock.unlock();
        }
    }
}
