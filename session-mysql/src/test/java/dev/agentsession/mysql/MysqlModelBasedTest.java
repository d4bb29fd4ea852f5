package dev.agentsession.mysql;

import dev.agentsession.SessionService;
import dev.agentsession.conformance.ModelBasedConformance;
import dev.agentsession.memory.MemorySessionService;

/** MySQL/MariaDB against the memory reference model, on random scripts. */
class MysqlModelBasedTest extends ModelBasedConformance {

    @Override
    protected SessionService openStore() throws Exception {
        return MysqlSessionService.builder().url(MysqlTestBackend.freshStore()).build();
    }

    @Override
    protected SessionService openReference() {
        return MemorySessionService.create();
    }
}
