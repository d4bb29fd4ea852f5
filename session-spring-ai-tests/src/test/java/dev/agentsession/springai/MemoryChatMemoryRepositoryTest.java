package dev.agentsession.springai;

import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Spring AI chat memory on the memory backend")
class MemoryChatMemoryRepositoryTest extends ChatMemoryRepositoryContract {

    @Override
    SessionService openStore() {
        return SessionServices.open("memory:");
    }
}
