package dev.agentsession.mysql;

import dev.agentsession.conformance.ServerSessionServiceConformance;
import org.junit.jupiter.api.DisplayName;

@DisplayName("MariaDB Galera (a node of a 3-node cluster) conformance")
class GaleraConformanceTest extends ServerSessionServiceConformance implements GaleraTestBackend {
}
