package dev.agentsession.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Moves SQLite's WAL checkpoints off the writer. By default the connection whose commit makes the
 * WAL pass 1,000 pages copies it back into the database file, inside that commit: every few
 * hundred appends one caller waited milliseconds for it, and under several threads the queue
 * behind it waited too. Here the writer only counts its commits, and a daemon thread of the store
 * runs {@code PRAGMA wal_checkpoint(PASSIVE)} on a connection of its own once enough have been
 * made (or a second after the last one): a passive checkpoint copies what no reader still needs and
 * never blocks a writer.
 *
 * <p>SQLite starts the WAL over only at a commit that finds it copied back whole, which a thread
 * chasing a steady stream of appends never quite achieves; so the writer keeps SQLite's automatic
 * checkpoint at a higher threshold ({@value #SAFETY_NET_PAGES} pages, about 16 MB): the commit that
 * passes it copies only the few frames the thread has not yet copied, and the WAL starts over. It
 * is also the safety net should this thread fail.
 */
final class WalCheckpointer implements AutoCloseable {

    /** Commits after which the thread checkpoints. */
    static final int COMMITS = 100;
    /** The writer's own automatic checkpoint threshold, in pages: where the WAL starts over. */
    static final int SAFETY_NET_PAGES = 4_000;

    private static final System.Logger LOG = System.getLogger(WalCheckpointer.class.getName());

    private final Supplier<Connection> connections;
    private final String description;
    private final Thread thread;
    private final Object signal = new Object();
    /** Commits since the last checkpoint; guarded by {@link #signal}. */
    private int pending;
    /** Guarded by {@link #signal}. */
    private boolean closed;
    /** Checkpoints run, for tests and diagnostics. */
    private volatile long checkpoints;

    /**
     * @param connections opens the thread's connection (once, on the first checkpoint)
     * @param description the store, for the log
     */
    WalCheckpointer(Supplier<Connection> connections, String description) {
        this.connections = connections;
        this.description = description;
        this.thread = new Thread(this::loop, "agent-session-sqlite-checkpointer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Called by the writer after each commit; wakes the thread when a checkpoint is due. */
    void committed() {
        synchronized (signal) {
            if (++pending >= COMMITS) {
                signal.notifyAll();
            }
        }
    }

    /** @return how many checkpoints the thread has run */
    long checkpoints() {
        return checkpoints;
    }

    private void loop() {
        Connection connection = null;
        try {
            while (awaitWork()) {
                try {
                    if (connection == null) {
                        connection = connections.get();
                    }
                    checkpoint(connection);
                    checkpoints++;
                } catch (SQLException | RuntimeException e) {
                    // the writer's own threshold still bounds the WAL; try again with a new connection
                    LOG.log(System.Logger.Level.WARNING, "agent-session: a WAL checkpoint of " + description
                            + " failed; the next one will be tried on a new connection", e);
                    closeQuietly(connection);
                    connection = null;
                }
            }
        } finally {
            closeQuietly(connection);
        }
    }

    /** @return false once closed; true when a checkpoint is due */
    private boolean awaitWork() {
        synchronized (signal) {
            while (!closed && pending < COMMITS) {
                int before = pending;
                try {
                    signal.wait(TimeUnit.SECONDS.toMillis(1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                if (!closed && pending > 0 && pending == before) {
                    break;  // quiet for a second: checkpoint what there is
                }
            }
            if (closed) {
                return false;
            }
            pending = 0;
            return true;
        }
    }

    private static void checkpoint(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            result.next();
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing a connection that failed: nothing more to do
            }
        }
    }

    /** Stops the thread and waits for a checkpoint in progress to end. */
    @Override
    public void close() {
        synchronized (signal) {
            closed = true;
            signal.notifyAll();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
