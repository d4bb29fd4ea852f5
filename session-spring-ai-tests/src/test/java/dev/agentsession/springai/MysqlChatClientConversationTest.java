package dev.agentsession.springai;

import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import dev.agentsession.conformance.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Spring AI ChatClient conversation on MySQL/MariaDB")
class MysqlChatClientConversationTest extends ChatClientConversationContract {

    @Override
    SessionService openStore() throws Exception {
        return SessionServices.open(TestDatabase.MYSQL.freshStoreUrl(() -> null));
    }
}
