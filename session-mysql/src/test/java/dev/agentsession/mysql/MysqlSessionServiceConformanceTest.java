package dev.agentsession.mysql;

import dev.agentsession.SessionService;
import dev.agentsession.conformance.Capability;
import dev.agentsession.conformance.SessionServiceConformance;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;

@DisplayName("MySQL/MariaDB backend conformance")
class MysqlSessionServiceConformanceTest extends SessionServiceConformance {

    private String url;

    @Override
    protected SessionService openFresh() throws Exception {
        url = MysqlTestDatabase.freshDatabaseUrl();
        return MysqlSessionService.builder().url(url).maxPoolSize(8).build();
    }

    @Override
    protected SessionService reopen() {
        return MysqlSessionService.builder().url(url).build();
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
