package dev.agentsession.postgres;

import dev.agentsession.conformance.ServerOutageConformance;
import org.junit.jupiter.api.DisplayName;

@DisplayName("PostgreSQL outage and recovery")
class PostgresOutageTest extends ServerOutageConformance implements PostgresTestBackend {
}
