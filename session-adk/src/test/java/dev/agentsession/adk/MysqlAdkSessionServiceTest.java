package dev.agentsession.adk;

import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import dev.agentsession.conformance.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("ADK session service on MySQL/MariaDB")
class MysqlAdkSessionServiceTest extends AdkSessionServiceContract {

    @Override
    SessionService openStore() throws Exception {
        return SessionServices.open(TestDatabase.MYSQL.freshStoreUrl(() -> null));
    }
}
