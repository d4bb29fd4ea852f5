package dev.agentsession.adk;

import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import org.junit.jupiter.api.DisplayName;

@DisplayName("ADK session service on the memory backend")
class MemoryAdkSessionServiceTest extends AdkSessionServiceContract {

    @Override
    SessionService openStore() {
        return SessionServices.open("memory:");
    }
}
