package dev.agentsession.sqlite;

import dev.agentsession.sql.spi.SqlDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.sqlite.SQLiteConnection;

/**
 * The one writer of a SQLite file in this process: threads take it in turn, in the order they
 * queued, instead of fighting over SQLite's write lock. The thread that takes the writer runs every
 * write queued at that moment in one explicit {@code BEGIN IMMEDIATE} … {@code COMMIT} (group
 * commit, see {@link #transaction}); taking the file's write lock at the start means a second
 * process on the same file waits in the busy handler rather than failing halfway through.
 *
 * <p>The writer connection comes from a pool of one, borrowed on the first write and kept until
 * the writer closes or a write fails. Statements are prepared on its statement-pooling layer
 * ({@link StatementPoolConnections}); {@code BEGIN} and {@code COMMIT} go straight to the native
 * connection, without a JDBC statement.
 */
final class GroupCommitWriter implements AutoCloseable {

    /** The longest a queued write sleeps before it looks at its outcome and the writer again. */
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final DataSource writerPool;
    private final Duration lockWait;
    private final Runnable committed;
    private final DSLContext writes;
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Writes waiting for the writer; guarded by itself. */
    private final ArrayDeque<PendingWrite<?>> queue = new ArrayDeque<>();
    /** The writer connection while a write runs; guarded by {@link #writeLock}. */
    private Connection writer;
    /** The writer connection between writes, once borrowed; guarded by {@link #writeLock}. */
    private Connection heldWriter;

    /**
     * @param writerPool a pool of one connection to the file, with statement pooling
     * @param lockWait how long one write waits in all for another process's write lock before failing
     * @param committed told after each commit (the checkpoint thread counts them)
     */
    GroupCommitWriter(DataSource writerPool, Duration lockWait, Runnable committed) {
        this.writerPool = writerPool;
        this.lockWait = lockWait;
        this.committed = committed;
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
    <T> T transaction(Function<DSLContext, T> work) {
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
                    committed.run();
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

    /** Gives the writer connection back to its pool, waiting for a write that runs. Idempotent. */
    @Override
    public void close() throws SQLException {
        writeLock.lock();
        try {
            if (heldWriter != null) {
                heldWriter.close();
                heldWriter = null;
            }
        } finally {
            writeLock.unlock();
        }
    }
}
