package dev.agentsession.postgres;

import dev.agentsession.SessionService;
import dev.agentsession.conformance.ModelBasedConformance;
import dev.agentsession.memory.MemorySessionService;

/** PostgreSQL against the memory reference model, on random scripts. */
class PostgresModelBasedTest extends ModelBasedConformance {

    @Override
    protected SessionService openStore() throws Exception {
        return PostgresSessionService.builder().url(PostgresTestBackend.freshStore()).build();
    }

    @Override
    protected SessionService openReference() {
        return MemorySessionService.create();
    }
}
