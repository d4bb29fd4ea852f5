package dev.agentsession.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.agentsession.SessionService;
import dev.agentsession.conformance.ServerTimeZoneConformance;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("PostgreSQL time zones")
class PostgresTimeZoneTest extends ServerTimeZoneConformance {

    @Override
    protected String freshStoreUrl() throws Exception {
        return PostgresTestDatabase.freshSchemaUrl();
    }

    @Override
    protected DataSource poolInZone(String url, String zone) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(2);
        config.setConnectionInitSql("SET TIME ZONE '" + zone + "'");
        return new HikariDataSource(config);
    }

    @Override
    protected SessionService open(DataSource pool) {
        return PostgresSessionService.builder().dataSource(pool).build();
    }

    @Override
    protected String sessionZone(DataSource pool) throws Exception {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW TimeZone")) {
            row.next();
            return row.getString(1);
        }
    }

    @Override
    protected String eastZone() {
        return "Asia/Shanghai";
    }

    @Override
    protected String westZone() {
        return "America/Los_Angeles";
    }
}
