package dev.agentsession.postgres;

import dev.agentsession.conformance.ServerSessionServiceConformance;
import org.junit.jupiter.api.DisplayName;

@DisplayName("PostgreSQL through PgBouncer (transaction pooling) conformance")
class PgBouncerConformanceTest extends ServerSessionServiceConformance implements PgBouncerTestBackend {
}
