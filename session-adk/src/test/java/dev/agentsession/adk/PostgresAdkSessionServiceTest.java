package dev.agentsession.adk;

import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import dev.agentsession.conformance.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("ADK session service on PostgreSQL")
class PostgresAdkSessionServiceTest extends AdkSessionServiceContract {

    @Override
    SessionService openStore() throws Exception {
        return SessionServices.open(TestDatabase.POSTGRES.freshStoreUrl(() -> null));
    }
}
