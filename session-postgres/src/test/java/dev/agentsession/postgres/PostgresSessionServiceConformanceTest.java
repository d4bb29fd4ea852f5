package dev.agentsession.postgres;

import dev.agentsession.SessionService;
import dev.agentsession.conformance.Capability;
import dev.agentsession.conformance.SessionServiceConformance;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;

@DisplayName("PostgreSQL backend conformance")
class PostgresSessionServiceConformanceTest extends SessionServiceConformance {

    private String url;

    @Override
    protected SessionService openFresh() throws Exception {
        url = PostgresTestDatabase.freshSchemaUrl();
        return PostgresSessionService.builder().url(url).maxPoolSize(8).build();
    }

    @Override
    protected SessionService reopen() {
        return PostgresSessionService.builder().url(url).build();
    }

    @Override
    protected String url() {
        return url;
    }

    @Override
    protected Set<Capability> capabilities() {
        return Set.of(Capability.REOPEN, Capability.URL, Capability.MULTI_PROCESS);
    }
}
