package dev.agentsession.mysql;

import dev.agentsession.conformance.ServerTimeZoneConformance;
import org.junit.jupiter.api.DisplayName;

@DisplayName("MySQL/MariaDB time zones")
class MysqlTimeZoneTest extends ServerTimeZoneConformance implements MysqlTestBackend {
}
