package dev.agentsession.langchain4j;

import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import dev.agentsession.conformance.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("LangChain4j chat memory store on MySQL/MariaDB")
class MysqlChatMemoryStoreTest extends ChatMemoryStoreContract {

    @Override
    SessionService openStore() throws Exception {
        return SessionServices.open(TestDatabase.MYSQL.freshStoreUrl(() -> null));
    }
}
