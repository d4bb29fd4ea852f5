package dev.agentsession.mysql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.agentsession.SessionService;
import dev.agentsession.conformance.ServerTimeZoneConformance;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("MySQL/MariaDB time zones")
class MysqlTimeZoneTest extends ServerTimeZoneConformance {

    @Override
    protected String freshStoreUrl() throws Exception {
        return MysqlTestDatabase.freshDatabaseUrl();
    }

    @Override
    protected DataSource poolInZone(String url, String zone) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(MysqlTestDatabase.mariadb(url));
        config.setMaximumPoolSize(2);
        config.setConnectionInitSql("SET time_zone = '" + zone + "'");
        return new HikariDataSource(config);
    }

    @Override
    protected SessionService open(DataSource pool) {
        return MysqlSessionService.builder().dataSource(pool).build();
    }

    @Override
    protected String sessionZone(DataSource pool) throws Exception {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT @@session.time_zone")) {
            row.next();
            return row.getString(1);
        }
    }

    @Override
    protected String eastZone() {
        return "+08:00";
    }

    @Override
    protected String westZone() {
        return "-08:00";
    }
}
