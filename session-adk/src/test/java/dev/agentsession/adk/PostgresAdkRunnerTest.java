package dev.agentsession.adk;

import dev.agentsession.conformance.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("ADK Runner on PostgreSQL")
class PostgresAdkRunnerTest extends AdkRunnerContract {

    @Override
    String freshStoreUrl() throws Exception {
        return TestDatabase.POSTGRES.freshStoreUrl(() -> null);
    }
}
