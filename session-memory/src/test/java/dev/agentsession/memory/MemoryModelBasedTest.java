package dev.agentsession.memory;

import dev.agentsession.SessionService;
import dev.agentsession.conformance.ModelBasedConformance;

/** The memory backend against a second memory store: checks the scripts and the tenant property. */
class MemoryModelBasedTest extends ModelBasedConformance {

    @Override
    protected SessionService openStore() {
        return MemorySessionService.create();
    }

    @Override
    protected SessionService openReference() {
        return MemorySessionService.create();
    }
}
