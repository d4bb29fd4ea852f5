package dev.agentsession.postgres;

import dev.agentsession.conformance.ServerSessionServiceConformance;
import org.junit.jupiter.api.DisplayName;

@DisplayName("PostgreSQL backend conformance")
class PostgresSessionServiceConformanceTest extends ServerSessionServiceConformance implements PostgresTestBackend {
}
