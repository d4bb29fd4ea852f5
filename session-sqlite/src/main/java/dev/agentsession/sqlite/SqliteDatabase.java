package dev.agentsession.sqlite;

import dev.agentsession.SessionStoreException;
import dev.agentsession.sql.spi.Dialect;
import dev.agentsession.sql.spi.SqlDatabase;
import dev.agentsession.sql.spi.StatementLimit;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.apache.commons.dbcp2.BasicDataSource;
import org.apache.commons.dbcp2.ConnectionFactory;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * One SQLite file: a pool of reader connections, and a single writer connection that threads
 * take in turn, in the order they queued, instead of fighting over SQLite's write lock. The
 * thread that takes the writer runs every write queued at that moment in one
 * explicit {@code BEGIN IMMEDIATE} … {@code COMMIT} (group commit, see {@link #transaction}); taking
 * the file's write lock at the start means a second process on the same file waits in the busy
 * handler rather than failing halfway through.
 *
 * <p>WAL checkpoints run on a thread of their own ({@link WalCheckpointer}), not inside a commit.
 *
 * <p>Both pools are Commons DBCP pools with prepared-statement pooling, the writer's of one
 * connection: sqlite-jdbc has no statement cache and HikariCP deliberately none, and preparing
 * the same statements again on every call cost about as much as running them. Their connections
 * are {@link PooledSqliteConnection}s, so a statement the pool takes back stays prepared, and
 * statements are prepared on the layer that pools them ({@link StatementPoolConnections}). {@code
 * BEGIN} and {@code COMMIT} go straight to the native connection, without a JDBC statement.
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
    private final DSLContext writes;
    private final ReentrantLock writeLock = new ReentrantLock();
    /** The longest a queued write sleeps before it looks at its outcome and the writer again. */
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** Writes waiting for the writer; guarded by itself. */
    private final ArrayDeque<PendingWrite<?>> queue = new ArrayDeque<>();
    /** The writer connection while a write runs; guarded by {@link #writeLock}. */
    private Connection writer;
    /** The writer connection between writes, once borrowed; guarded by {@link #writeLock}. */
    private Connection heldWriter;

    /** How long one write waits in all for another process's write lock before failing. */
    private final Duration lockWait;
    private final WalCheckpointer checkpointer;

    SqliteDatabase(Path file, SQLiteConfig config, int readPoolSize, Duration lockWait) {
        this.file = file;
        this.lockWait = lockWait;
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

    /**
     * @param synchronous the durability of each commit
     * @param lockWait how long a write waits for another process's lock; the busy handler waits
     *     at most this long in one attempt
     */
    static SQLiteConfig config(Synchronous synchronous, Duration lockWait) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(synchronous == Synchronous.FULL
                ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout((int) Math.min(BUSY_TIMEOUT.toMillis(), lockWait.toMillis()));
        // otherwise sqlite-jdbc runs a SELECT last_insert_rowid(), prepared anew, after every INSERT;
        // the store reads what it inserted with RETURNING and never asks for generated keys
        config.setGetGeneratedKeys(false);
        return config;
    }

    private static BasicDataSource pool(Path file, SQLiteConfig config, int size) {
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
        return transaction(work);
    }

    @Override
    public StatementLimit statementLimit() {
        return StatementLimit.NONE;
    }

    /** A write waiting for the writer, and its outcome once a batch has run it. */
    private static final class PendingWrite<T> {
        final Function<DSLContext, T> work;
        final Thread caller = Thread.currentThread();
        T result;
        RuntimeException failure;
        Error error;
        /** Set after the outcome, so a caller that reads it true sees the outcome too. */
        volatile boolean done;

        PendingWrite(Function<DSLContext, T> work) {
            this.work = work;
        }
    }

    /**
     * Runs the write with the others waiting at the same moment, in one transaction (group
     * commit): the thread that takes the writer runs every queued write, each inside its own
     * savepoint, then commits once. Every caller returns only after that commit, so durability
     * is the same as with one transaction each; a write that fails rolls back to its savepoint
     * and fails alone.
     *
     * <p>The others sleep until the batch that holds their write has committed and the thread
     * that ran it wakes them; they never take the writer just to learn that their write is done.
     * A write queued while a batch runs is woken when it ends, and runs the next batch itself.
     */
    @Override
    public <T> T transaction(Function<DSLContext, T> work) {
        PendingWrite<T> mine = new PendingWrite<>(work);
        synchronized (queue) {
            queue.add(mine);
        }
        while (!mine.done) {
            if (writeLock.tryLock()) {
                PendingWrite<?> next;
                try {
                    if (!mine.done) {
                        List<PendingWrite<?>> batch;
                        synchronized (queue) {
                            batch = new ArrayList<>(queue);
                            queue.clear();
                        }
                        runBatch(batch);
                    }
                } finally {
                    writeLock.unlock();
                    synchronized (queue) {
                        next = queue.peek();
                    }
                }
                if (next != null) {
                    LockSupport.unpark(next.caller);  // it leads the next batch
                }
            } else {
                // woken when its batch is done, or when the writer is free; the timeout only guards
                LockSupport.parkNanos(this, PARK_NANOS);
            }
        }
        if (mine.error != null) {
            throw mine.error;
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result;
    }

    private void runBatch(List<PendingWrite<?>> batch) {
        boolean savepoints = batch.size() > 1;
        try {
            Connection connection = writerConnection();
            writer = connection;
            try {
                begin(connection);
                boolean anyApplied = false;
                for (PendingWrite<?> pending : batch) {
                    anyApplied |= run(connection, pending, savepoints);
                }
                if (anyApplied) {
                    execute(connection, "COMMIT");
                    checkpointer.committed();
                } else {
                    execute(connection, "ROLLBACK");
                }
            } catch (SQLException e) {
                rollback(connection, e);
                releaseWriter(e);  // the next write starts on a fresh connection
                failAll(batch, new DataAccessException("SQLite write failed: " + e.getMessage(), e));
            } finally {
                writer = null;
            }
        } catch (SQLException e) {
            failAll(batch, new DataAccessException("SQLite write failed: " + e.getMessage(), e));
        } finally {
            for (PendingWrite<?> pending : batch) {
                pending.done = true;
                LockSupport.unpark(pending.caller);
            }
        }
    }

    /**
     * The writer connection, borrowed from its pool on the first write and kept until the store
     * closes or a write fails: taking it from the pool and giving it back on every write cost a
     * few microseconds each. Statements are prepared on its statement-pooling layer, which this
     * returns (see {@link StatementPoolConnections}). Called with {@link #writeLock} held.
     */
    private Connection writerConnection() throws SQLException {
        if (heldWriter == null) {
            Connection connection = writerPool.getConnection();
            try {
                // the checkpoint thread copies the WAL back; at this threshold the writer starts it over
                execute(connection, "PRAGMA wal_autocheckpoint = " + WalCheckpointer.SAFETY_NET_PAGES);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            heldWriter = connection;
        }
        return StatementPoolConnections.statementLayer(heldWriter);
    }

    /** Gives the held writer connection back to its pool; called with {@link #writeLock} held. */
    private void releaseWriter(Throwable failure) {
        if (heldWriter != null) {
            try {
                heldWriter.close();
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
            heldWriter = null;
        }
    }

    /** Runs one write of a batch; returns whether it applied (a failed one is rolled back). */
    private <T> boolean run(Connection connection, PendingWrite<T> pending, boolean savepoint) throws SQLException {
        if (savepoint) {
            execute(connection, "SAVEPOINT pending_write");
        }
        try {
            pending.result = pending.work.apply(writes);
        } catch (RuntimeException e) {
            pending.failure = e;
        } catch (Error e) {
            pending.error = e;
        }
        boolean applied = pending.failure == null && pending.error == null;
        if (savepoint) {
            if (!applied) {
                execute(connection, "ROLLBACK TO pending_write");
            }
            execute(connection, "RELEASE pending_write");
        }
        return applied;
    }

    private static void failAll(List<PendingWrite<?>> batch, RuntimeException failure) {
        for (PendingWrite<?> pending : batch) {
            pending.result = null;
            if (pending.failure == null && pending.error == null) {
                pending.failure = failure;
            }
        }
    }

    /** Takes the file's write lock, waiting for other processes up to the lock wait. */
    private void begin(Connection connection) throws SQLException {
        long deadline = System.nanoTime() + lockWait.toNanos();
        while (true) {
            try {
                execute(connection, "BEGIN IMMEDIATE");
                return;
            } catch (SQLException e) {
                // busy_timeout already waited in the driver's handler; keep waiting until the deadline
                if (!SqliteDialect.isBusy(e) || System.nanoTime() > deadline) {
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

    @Override
    public String description() {
        return "SQLite file " + file;
    }

    @Override
    public void close() {
        checkpointer.close();
        writeLock.lock();
        try {
            if (heldWriter != null) {
                heldWriter.close();
                heldWriter = null;
            }
            readPool.close();
            writerPool.close();
        } catch (SQLException e) {
            throw new SessionStoreException("closing the SQLite writer of " + file + " failed", e);
        } finally {
            writeLock.unlock();
        }
    }
}
