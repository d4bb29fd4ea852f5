package dev.agentsession.sqlite;

import dev.agentsession.SessionService;
import dev.agentsession.conformance.ModelBasedConformance;
import dev.agentsession.memory.MemorySessionService;
import java.nio.file.Path;

/** SQLite against the memory reference model, on random scripts. */
class SqliteModelBasedTest extends ModelBasedConformance {

    @Override
    protected SessionService openStore() {
        return SqliteSessionService.open(Path.of("target", "model-" + ProcessHandle.current().pid() + ".db"));
    }

    @Override
    protected SessionService openReference() {
        return MemorySessionService.create();
    }
}
