package dev.agentsession.postgres;

import dev.agentsession.conformance.ServerSchemaConformance;
import org.junit.jupiter.api.DisplayName;

@DisplayName("PostgreSQL schema and rows")
class PostgresSchemaTest extends ServerSchemaConformance implements PostgresTestBackend {
}
