package dev.agentsession.portability;

import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import dev.agentsession.conformance.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("export and import on PostgreSQL")
class PostgresPortabilityTest extends PortabilityContract {

    @Override
    SessionService freshStore() throws Exception {
        return SessionServices.open(TestDatabase.POSTGRES.freshStoreUrl(() -> null));
    }
}
