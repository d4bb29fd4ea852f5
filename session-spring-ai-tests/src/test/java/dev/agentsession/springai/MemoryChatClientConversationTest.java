package dev.agentsession.springai;

import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Spring AI ChatClient conversation on the memory backend")
class MemoryChatClientConversationTest extends ChatClientConversationContract {

    @Override
    SessionService openStore() {
        return SessionServices.open("memory:");
    }
}
