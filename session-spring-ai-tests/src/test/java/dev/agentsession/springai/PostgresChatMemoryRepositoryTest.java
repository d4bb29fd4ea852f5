package dev.agentsession.springai;

import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import dev.agentsession.conformance.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Spring AI chat memory on PostgreSQL")
class PostgresChatMemoryRepositoryTest extends ChatMemoryRepositoryContract {

    @Override
    SessionService openStore() throws Exception {
        return SessionServices.open(TestDatabase.POSTGRES.freshStoreUrl(() -> null));
    }
}
