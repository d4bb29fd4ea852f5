package dev.agentsession.mysql;

import dev.agentsession.SessionService;
import dev.agentsession.conformance.ServerOutageConformance;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;

@DisplayName("MySQL/MariaDB outage and recovery")
class MysqlOutageTest extends ServerOutageConformance {

    @Override
    protected String freshStoreUrl() throws Exception {
        return MysqlTestDatabase.freshDatabaseUrl();
    }

    @Override
    protected int defaultPort() {
        return 3306;
    }

    @Override
    protected SessionService open(String url, Duration timeout) {
        return MysqlSessionService.builder().url(url).connectionTimeout(timeout).build();
    }
}
