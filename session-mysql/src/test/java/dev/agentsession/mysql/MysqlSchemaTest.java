package dev.agentsession.mysql;

import dev.agentsession.conformance.ServerSchemaConformance;
import org.junit.jupiter.api.DisplayName;

@DisplayName("MySQL/MariaDB schema and rows")
class MysqlSchemaTest extends ServerSchemaConformance implements MysqlTestBackend {
}
