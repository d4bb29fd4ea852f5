package dev.agentsession.mysql;

import dev.agentsession.SessionService;
import dev.agentsession.conformance.ServerSchemaConformance;
import org.junit.jupiter.api.DisplayName;

@DisplayName("MySQL/MariaDB schema and rows")
class MysqlSchemaTest extends ServerSchemaConformance {

    @Override
    protected String freshStoreUrl() throws Exception {
        return MysqlTestDatabase.freshDatabaseUrl();
    }

    @Override
    protected SessionService open(String url, boolean migrate) {
        return MysqlSessionService.builder().url(url).migrate(migrate).build();
    }

    @Override
    protected String plainJdbcUrl(String url) {
        return MysqlTestDatabase.mariadb(url);
    }
}
