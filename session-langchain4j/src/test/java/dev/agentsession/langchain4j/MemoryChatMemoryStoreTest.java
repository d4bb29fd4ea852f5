package dev.agentsession.langchain4j;

import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import org.junit.jupiter.api.DisplayName;

@DisplayName("LangChain4j chat memory store on the memory backend")
class MemoryChatMemoryStoreTest extends ChatMemoryStoreContract {

    @Override
    SessionService openStore() {
        return SessionServices.open("memory:");
    }
}
