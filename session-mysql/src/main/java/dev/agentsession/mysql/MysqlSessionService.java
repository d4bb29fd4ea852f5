package dev.agentsession.mysql;

import com.zaxxer.hikari.HikariConfig;
import dev.agentsession.sql.ServerStoreBuilder;
import dev.agentsession.sql.SqlSessionService;
import dev.agentsession.sql.spi.Dialect;
import dev.agentsession.sql.spi.SqlDatabase;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * A {@link dev.agentsession.SessionService} on MySQL 8 or MariaDB 10.6 and later, for servers and
 * fleets.
 *
 * <p>Which of the two the server is, is asked on open, and picks the SQL dialect. Text is
 * {@code utf8mb4} (emoji and every script), ids and keys compare as binary (case-sensitive), long
 * text is {@code LONGTEXT} and JSON is {@code JSON}, so an 8 MiB event fits. An event too large
 * for the server's {@code max_allowed_packet} is refused before it is sent, with an error naming
 * the setting. An append locks its session's row, so concurrent appends stay gap-free.
 *
 * <p>The driver is MariaDB Connector/J, which speaks to both servers; a {@code jdbc:mysql:} URL
 * is handed to it as {@code jdbc:mariadb:}. Statements are prepared on the server (binary
 * protocol, so large values are not escaped into larger ones) unless the URL sets
 * {@code useServerPrepStmts} itself. TLS is as the URL says ({@code sslMode=...}); nothing is
 * added.
 *
 * <pre>{@code
 * MysqlSessionService store = MysqlSessionService.builder()
 *         .url("jdbc:mariadb://db:3306/app").user("agent").password(secret)
 *         .build();
 * }</pre>
 */
public final class MysqlSessionService extends SqlSessionService {

    private MysqlSessionService(SqlDatabase database) {
        super(database);
    }

    /** @return a builder for a MySQL or MariaDB store */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Configures a MySQL or MariaDB store: {@code url} (or {@code dataSource}), {@code user},
     * {@code password}, {@code maxPoolSize} (10), {@code connectionTimeout} (10 s),
     * {@code migrate} (true).
     */
    public static final class Builder extends ServerStoreBuilder<Builder, MysqlSessionService> {

        private Builder() {
        }

        @Override
        protected String serverName() {
            return "MySQL/MariaDB";
        }

        @Override
        protected String module() {
            return "session-mysql";
        }

        @Override
        protected Dialect dialect(DatabaseMetaData metadata) throws SQLException {
            return MysqlDialect.of(metadata);
        }

        @Override
        protected String driverClassName() {
            return "org.mariadb.jdbc.Driver";
        }

        @Override
        protected MysqlSessionService service(SqlDatabase database) {
            return new MysqlSessionService(database);
        }

        @Override
        protected void configure(HikariConfig pool) {
            String url = pool.getJdbcUrl();
            if (url.toLowerCase(Locale.ROOT).startsWith("jdbc:mysql:")) {
                pool.setJdbcUrl("jdbc:mariadb:" + url.substring("jdbc:mysql:".length()));
            }
            if (!url.contains("useServerPrepStmts")) {
                pool.addDataSourceProperty("useServerPrepStmts", "true");
            }
        }
    }
}
