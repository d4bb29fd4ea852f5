package dev.agentsession.mysql;

import dev.agentsession.conformance.ServerOutageConformance;
import org.junit.jupiter.api.DisplayName;

/** Without a delta an append is one call of the append routine in auto-commit: no COMMIT follows it. */
@DisplayName("MySQL/MariaDB outage and recovery")
class MysqlOutageTest extends ServerOutageConformance implements MysqlTestBackend {
}
