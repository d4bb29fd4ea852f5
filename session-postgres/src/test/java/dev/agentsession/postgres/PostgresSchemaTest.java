package dev.agentsession.postgres;

import dev.agentsession.SessionService;
import dev.agentsession.conformance.ServerSchemaConformance;
import org.junit.jupiter.api.DisplayName;

@DisplayName("PostgreSQL schema and rows")
class PostgresSchemaTest extends ServerSchemaConformance {

    @Override
    protected String freshStoreUrl() throws Exception {
        return PostgresTestDatabase.freshSchemaUrl();
    }

    @Override
    protected SessionService open(String url, boolean migrate) {
        return PostgresSessionService.builder().url(url).migrate(migrate).build();
    }
}
