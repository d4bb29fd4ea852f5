package dev.agentsession.mysql;

import java.util.Locale;
import dev.agentsession.SessionStoreException;
import dev.agentsession.sql.ServerDialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jooq.SQLDialect;

/**
 * MySQL's and MariaDB's specifics. Which of the two a server is decides the jOOQ dialect: MariaDB
 * needs {@link SQLDialect#MARIADB}, as the MySQL dialect renders JSON casts and upserts it
 * rejects. Neither has {@code UPDATE ... RETURNING}. Error 1062 is a duplicate key. The largest
 * statement is the server's {@code max_allowed_packet}.
 */
final class MysqlDialect implements ServerDialect {

    private static final int DUPLICATE_ENTRY = 1062;

    private final SQLDialect dialect;

    MysqlDialect(SQLDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public ServerDialect detect(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
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
            return new MysqlDialect(mariadb ? SQLDialect.MARIADB : SQLDialect.MYSQL);
        }
    }

    @Override
    public String name() {
        return dialect == SQLDialect.MARIADB ? "MariaDB" : dialect == SQLDialect.MYSQL ? "MySQL" : "MySQL/MariaDB";
    }

    @Override
    public SQLDialect sqlDialect() {
        return dialect;
    }

    @Override
    public String migrationFolder() {
        return "mysql";
    }

    @Override
    public boolean isDuplicateKey(SQLException e) {
        return e.getErrorCode() == DUPLICATE_ENTRY;
    }

    @Override
    public boolean explicitTransactions() {
        return true;
    }

    @Override
    public long maxStatementBytes(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT @@max_allowed_packet")) {
            row.next();
            return row.getLong(1);
        }
    }
}
