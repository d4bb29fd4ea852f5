package dev.agentsession.postgres;

import dev.agentsession.SessionService;
import dev.agentsession.conformance.ServerOutageConformance;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;

@DisplayName("PostgreSQL outage and recovery")
class PostgresOutageTest extends ServerOutageConformance {

    @Override
    protected String freshStoreUrl() throws Exception {
        return PostgresTestDatabase.freshSchemaUrl();
    }

    @Override
    protected int defaultPort() {
        return 5432;
    }

    @Override
    protected SessionService open(String url, Duration timeout) {
        return PostgresSessionService.builder().url(url).connectionTimeout(timeout).build();
    }
}
