package dev.agentsession.memory;

import dev.agentsession.SessionService;
import dev.agentsession.conformance.Capability;
import dev.agentsession.conformance.SessionServiceConformance;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;

// tag::memory-conformance[]
@DisplayName("memory backend conformance")
class MemorySessionServiceConformanceTest extends SessionServiceConformance {

    @Override
    protected SessionService openFresh() {
        return MemorySessionService.create();
    }

    @Override
    protected Set<Capability> capabilities() {
        return Set.of(Capability.URL);
    }

    @Override
    protected String url() {
        return "memory:";
    }
}
// end::memory-conformance[]
