package dev.agentsession.memory;

import dev.agentsession.SessionService;
import dev.agentsession.SessionStoreConfig;
import dev.agentsession.spi.SessionServiceProvider;

/**
 * Opens {@code memory:} URLs: each call gives a new, empty {@link MemorySessionService}. Found by
 * {@link java.util.ServiceLoader}; programs use {@link dev.agentsession.SessionServices#open}.
 */
public final class MemorySessionServiceProvider implements SessionServiceProvider {

    @Override
    public String module() {
        return "session-memory";
    }


    @Override
    public SessionService open(SessionStoreConfig config) {
        return MemorySessionService.create();
    }
}
