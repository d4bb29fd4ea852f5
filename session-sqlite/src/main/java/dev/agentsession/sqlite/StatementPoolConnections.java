package dev.agentsession.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.dbcp2.BasicDataSource;
import org.apache.commons.dbcp2.DelegatingConnection;
import org.apache.commons.dbcp2.PoolingConnection;
import org.jooq.ConnectionProvider;
import org.jooq.exception.DataAccessException;

/**
 * Hands out a DBCP pool's connections at the layer that pools statements. The two layers above it
 * (the pool's guard and the poolable connection) wrap every statement prepared through them in a
 * new {@code DelegatingPreparedStatement}, a class with a finalizer: two objects per statement that
 * the JVM registers when they are made and that the garbage collector must discover, keep alive
 * for one more collection and hand to the finalizer thread. Under a steady stream of appends that
 * was a hundred thousand of them per young collection, whose pauses it made several times longer.
 * Statements prepared on the statement layer come straight from the statement pool, and closing
 * them gives them back to it; the borrowed connection is closed, and so returned, on release.
 */
final class StatementPoolConnections implements ConnectionProvider {

    private final BasicDataSource pool;
    private final String description;
    /** The connection borrowed from the pool, by the statement layer handed out for it. */
    private final Map<Connection, Connection> borrowed = new ConcurrentHashMap<>();

    /**
     * @param pool a pool with statement pooling on and access to the underlying connections allowed
     * @param description the store, for errors
     */
    StatementPoolConnections(BasicDataSource pool, String description) {
        this.pool = pool;
        this.description = description;
    }

    @Override
    public Connection acquire() {
        Connection connection;
        try {
            connection = pool.getConnection();
        } catch (SQLException e) {
            throw new DataAccessException("cannot take a connection to " + description + ": " + e.getMessage(), e);
        }
        Connection statements;
        try {
            statements = statementLayer(connection);
        } catch (RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        borrowed.put(statements, connection);
        return statements;
    }

    @Override
    public void release(Connection statements) {
        Connection connection = borrowed.remove(statements);
        if (connection == null) {
            throw new IllegalStateException("a connection this provider did not hand out was released");
        }
        try {
            connection.close();
        } catch (SQLException e) {
            throw new DataAccessException("cannot return a connection to " + description + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param borrowed a connection taken from a pool that pools statements and allows access to
     *     the underlying connections
     * @return its statement-pooling layer, valid while {@code borrowed} is
     */
    static Connection statementLayer(Connection borrowed) {
        Connection layer = borrowed;
        while (!(layer instanceof PoolingConnection) && layer instanceof DelegatingConnection<?> delegating) {
            layer = delegating.getDelegate();
        }
        if (!(layer instanceof PoolingConnection)) {
            throw new IllegalStateException("the connection pool does not pool statements, or hides its layers");
        }
        return layer;
    }
}
