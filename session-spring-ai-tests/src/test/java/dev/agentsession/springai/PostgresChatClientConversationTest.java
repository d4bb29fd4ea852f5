package dev.agentsession.springai;

import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import dev.agentsession.conformance.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Spring AI ChatClient conversation on PostgreSQL")
class PostgresChatClientConversationTest extends ChatClientConversationContract {

    @Override
    SessionService openStore() throws Exception {
        return SessionServices.open(TestDatabase.POSTGRES.freshStoreUrl(() -> null));
    }
}
