package dev.agentsession.sqlite;

import dev.agentsession.SessionStoreException;
import dev.agentsession.sql.spi.Dialect;
import dev.agentsession.sql.spi.SqlDatabase;
import dev.agentsession.sql.spi.StatementLimit;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Function;
import org.apache.commons.dbcp2.BasicDataSource;
import org.apache.commons.dbcp2.ConnectionFactory;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.sqlite.SQLiteConfig;

/**
 * One SQLite file: a pool of reader connections, and the one writer of this process
 * ({@link GroupCommitWriter}) that threads take in turn, committing the writes queued at one
 * moment together.
 *
 * <p>WAL checkpoints run on a thread of their own ({@link WalCheckpointer}), not inside a commit.
 *
 * <p>Both pools are Commons DBCP pools with prepared-statement pooling, the writer's of one
 * connection: sqlite-jdbc has no statement cache and HikariCP deliberately none, and preparing
 * the same statements again on every call cost about as much as running them. Their connections
 * are {@link PooledSqliteConnection}s, so a statement the pool takes back stays prepared, and
 * statements are prepared on the layer that pools them ({@link StatementPoolConnections}).
 */
final class SqliteDatabase implements SqlDatabase {

    /** How long one write waits in all for another process's write lock by default. */
    static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(30);

    /** The longest SQLite's busy handler waits in one attempt. */
    private static final Duration BUSY_TIMEOUT = Duration.ofSeconds(5);

    private final Path file;
    private final BasicDataSource readPool;
    private final BasicDataSource writerPool;
    private final DSLContext reads;
    private final WalCheckpointer checkpointer;
    private final GroupCommitWriter writer;

    SqliteDatabase(Path file, SQLiteConfig config, int readPoolSize, Duration lockWait) {
        this.file = file;
        this.readPool = pool(file, config, readPoolSize);
        this.writerPool = pool(file, config, 1);
        // DBCP opens connections lazily: open one now, so a bad file fails here and not on first use
        try (Connection probe = readPool.getConnection()) {
            probe.isValid(1);
        } catch (SQLException e) {
            closeQuietly(readPool, e);
            throw new SessionStoreException("cannot open the SQLite file " + file, e);
        }
        this.reads = DSL.using(new StatementPoolConnections(readPool, description()), SQLDialect.SQLITE,
                SqlDatabase.settings());
        this.checkpointer = new WalCheckpointer(() -> {
            try {
                return config.createConnection(url(file));
            } catch (SQLException e) {
                throw new DataAccessException("cannot open a checkpoint connection to " + file, e);
            }
        }, description());
        this.writer = new GroupCommitWriter(writerPool, lockWait, checkpointer::committed);
    }

    /**
     * @param synchronous the durability of each commit
     * @param lockWait how long a write waits for another process's lock; the busy handler waits
     *     at most this long in one attempt
     * @param readOnly whether connections open the file read-only (and leave its journal mode
     *     as it is)
     */
    static SQLiteConfig config(Synchronous synchronous, Duration lockWait, boolean readOnly) {
        SQLiteConfig config = new SQLiteConfig();
        if (readOnly) {
            config.setReadOnly(true);
        } else {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        }
        config.setSynchronous(synchronous == Synchronous.FULL
                ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout((int) Math.min(BUSY_TIMEOUT.toMillis(), lockWait.toMillis()));
        // otherwise sqlite-jdbc runs a SELECT last_insert_rowid(), prepared anew, after every INSERT;
        // the store reads what it inserted with RETURNING and never asks for generated keys
        config.setGetGeneratedKeys(false);
        return config;
    }

    static BasicDataSource pool(Path file, SQLiteConfig config, int size) {
        Properties properties = config.toProperties();
        BasicDataSource pool = new BasicDataSource() {
            @Override
            protected ConnectionFactory createConnectionFactory() {
                // connections whose pooled statements stay prepared (see PooledSqliteConnection)
                return () -> new PooledSqliteConnection(file, properties);
            }
        };
        pool.setUrl(url(file));
        pool.setMaxTotal(size);
        pool.setMaxIdle(size);
        pool.setDefaultAutoCommit(true);
        pool.setTestOnBorrow(false);  // a local file connection does not go stale
        pool.setPoolPreparedStatements(true);
        pool.setMaxOpenPreparedStatements(64);
        // statements are prepared on the layer that pools them (see StatementPoolConnections)
        pool.setAccessToUnderlyingConnectionAllowed(true);
        return pool;
    }

    private static void closeQuietly(BasicDataSource pool, Exception failure) {
        try {
            pool.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    static String url(Path file) {
        return "jdbc:sqlite:" + file;
    }

    /** @return how many WAL checkpoints the store's checkpoint thread has run */
    long checkpoints() {
        return checkpointer.checkpoints();
    }

    /** @return the reader pool, for backups and checks */
    BasicDataSource readPool() {
        return readPool;
    }

    @Override
    public Dialect dialect() {
        return SqliteDialect.INSTANCE;
    }

    @Override
    public DSLContext reader() {
        return reads;
    }

    /** Every write, even a single statement, goes through the one writer. */
    @Override
    public <T> T statement(Function<DSLContext, T> work) {
        return writer.transaction(work);
    }

    /** Runs the write with the others waiting at the same moment: see {@link GroupCommitWriter#transaction}. */
    @Override
    public <T> T transaction(Function<DSLContext, T> work) {
        return writer.transaction(work);
    }

    @Override
    public StatementLimit statementLimit() {
        return StatementLimit.NONE;
    }

    @Override
    public String description() {
        return "SQLite file " + file;
    }

    @Override
    public void close() {
        checkpointer.close();
        try {
            writer.close();
            readPool.close();
            writerPool.close();
        } catch (SQLException e) {
            throw new SessionStoreException("closing the SQLite writer of " + file + " failed", e);
        }
    }
}
