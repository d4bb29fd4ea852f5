package dev.agentsession.adk;

import dev.agentsession.conformance.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("ADK Runner on MySQL/MariaDB")
class MysqlAdkRunnerTest extends AdkRunnerContract {

    @Override
    String freshStoreUrl() throws Exception {
        return TestDatabase.MYSQL.freshStoreUrl(() -> null);
    }
}
