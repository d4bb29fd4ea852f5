package dev.agentsession.postgres;

import dev.agentsession.conformance.ServerOutageConformance;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

@DisplayName("PostgreSQL outage and recovery")
class PostgresOutageTest extends ServerOutageConformance implements PostgresTestBackend {

    /** Without a delta an append is one data-modifying statement in auto-commit: no COMMIT follows it. */
    @Override
    protected List<String> committedAppendMarkers(String content, boolean withDelta) {
        return withDelta ? List.of(content, "COMMIT") : List.of(content);
    }
}
