package dev.agentsession.postgres;

import dev.agentsession.conformance.ServerOutageConformance;
import org.junit.jupiter.api.DisplayName;

/** An append, with a small state delta or without, is one data-modifying statement in auto-commit: no COMMIT follows it. */
// tag::server-kit[]
@DisplayName("PostgreSQL outage and recovery")
class PostgresOutageTest extends ServerOutageConformance implements PostgresTestBackend {
}
// end::server-kit[]
