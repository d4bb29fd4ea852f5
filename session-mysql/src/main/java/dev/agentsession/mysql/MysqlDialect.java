package dev.agentsession.mysql;

import dev.agentsession.SessionStoreException;
import dev.agentsession.sql.spi.Appender;
import dev.agentsession.sql.spi.Dialect;
import dev.agentsession.sql.spi.StateStatements;
import dev.agentsession.sql.spi.StatementAppender;
import dev.agentsession.sql.spi.StatementLimit;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;

/**
 * MySQL's and MariaDB's specifics. Which of the two a server is decides the jOOQ dialect: MariaDB
 * needs {@link SQLDialect#MARIADB}, as the MySQL dialect renders JSON casts and upserts it
 * rejects. Both append with one call of the routine the migrations create; where it cannot be
 * called, with statements: neither has {@code UPDATE ... RETURNING}; MariaDB has {@code INSERT ...
 * RETURNING}, MySQL needs a read of the updated row. The largest statement is the server's
 * {@code max_allowed_packet}.
 */
final class MysqlDialect extends Dialect {

    /** The routine does not exist (error 1305). */
    private static final int NO_SUCH_ROUTINE = 1305;
    /** The user may not run the routine (error 1370). */
    private static final int ROUTINE_DENIED = 1370;

    static final MysqlDialect MARIADB = new MysqlDialect("MariaDB", SQLDialect.MARIADB, true);
    static final MysqlDialect MYSQL = new MysqlDialect("MySQL", SQLDialect.MYSQL, false);

    private MysqlDialect(String name, SQLDialect dialect, boolean jsonAsText) {
        super(name, dialect, "mysql", jsonAsText);
    }

    /**
     * One call of the append routine ({@link RoutineAppender}); without it, on MariaDB
     * {@link InsertSelectAppender}, on MySQL the core's {@link StatementAppender}.
     */
    @Override
    public Appender appender(DSLContext dsl, StateStatements state) {
        Appender fallback = this == MARIADB ? new InsertSelectAppender(dsl, state) : new StatementAppender(dsl, state);
        return new RoutineAppender(dsl, state, fallback, MysqlDialect::routineUnavailable);
    }

    /**
     * Asks the server which it is.
     *
     * @return {@link #MARIADB} or {@link #MYSQL}
     * @throws SessionStoreException if the server is older than MySQL 8.0 or MariaDB 10.6
     */
    static MysqlDialect of(DatabaseMetaData meta) throws SQLException {
        String product = meta.getDatabaseProductName();
        String version = meta.getDatabaseProductVersion();
        boolean mariadb = product.toLowerCase(Locale.ROOT).contains("mariadb")
                || version.toLowerCase(Locale.ROOT).contains("mariadb");
        int major = meta.getDatabaseMajorVersion();
        int minor = meta.getDatabaseMinorVersion();
        if (mariadb ? major < 10 || major == 10 && minor < 6 : major < 8) {
            throw new SessionStoreException((mariadb ? "MariaDB " : "MySQL ") + version
                    + " is too old: agent-session needs MySQL 8.0 or MariaDB 10.6 or later");
        }
        return mariadb ? MARIADB : MYSQL;
    }

    private static boolean routineUnavailable(SQLException e) {
        return e.getErrorCode() == NO_SUCH_ROUTINE || e.getErrorCode() == ROUTINE_DENIED;
    }

    /** InnoDB's lock wait timeout: the transaction is rolled back (we roll back what is left). */
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    /** Galera: the node is not part of the primary component and serves no statement. */
    private static final int WSREP_NOT_READY = 1047;

    /**
     * Also a lock wait timeout (error 1205), after which the store rolls the transaction back,
     * and a Galera node that is not ready (error 1047, the statement was refused).
     */
    @Override
    public boolean isRolledBack(DataAccessException e) {
        return super.isRolledBack(e) || errorCode(e) == LOCK_WAIT_TIMEOUT || errorCode(e) == WSREP_NOT_READY;
    }

    private static int errorCode(DataAccessException e) {
        SQLException sql = e.getCause(SQLException.class);
        return sql == null ? 0 : sql.getErrorCode();
    }

    @Override
    public StatementLimit statementLimit(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT @@max_allowed_packet")) {
            row.next();
            return new StatementLimit(row.getLong(1), "max_allowed_packet");
        }
    }
}
