package dev.agentsession.postgres;

import dev.agentsession.conformance.ServerTimeZoneConformance;
import org.junit.jupiter.api.DisplayName;

@DisplayName("PostgreSQL time zones")
class PostgresTimeZoneTest extends ServerTimeZoneConformance implements PostgresTestBackend {
}
