package dev.agentsession.mysql;

import dev.agentsession.conformance.ServerOutageConformance;
import org.junit.jupiter.api.DisplayName;

@DisplayName("MySQL/MariaDB outage and recovery")
class MysqlOutageTest extends ServerOutageConformance implements MysqlTestBackend {
}
