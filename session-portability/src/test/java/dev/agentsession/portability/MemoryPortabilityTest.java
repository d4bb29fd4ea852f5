package dev.agentsession.portability;

import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import org.junit.jupiter.api.DisplayName;

@DisplayName("export and import on the memory backend")
class MemoryPortabilityTest extends PortabilityContract {

    @Override
    SessionService freshStore() {
        return SessionServices.open("memory:");
    }
}
