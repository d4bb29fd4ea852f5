package dev.agentsession.postgres;

import dev.agentsession.conformance.ServerOutageConformance;
import org.junit.jupiter.api.DisplayName;

/** Without a delta an append is one data-modifying statement in auto-commit: no COMMIT follows it. */
@DisplayName("PostgreSQL outage and recovery")
class PostgresOutageTest extends ServerOutageConformance implements PostgresTestBackend {
}
