package dev.agentsession.mysql;

import dev.agentsession.conformance.ServerSessionServiceConformance;
import org.junit.jupiter.api.DisplayName;

@DisplayName("MySQL/MariaDB backend conformance")
class MysqlSessionServiceConformanceTest extends ServerSessionServiceConformance implements MysqlTestBackend {
}
