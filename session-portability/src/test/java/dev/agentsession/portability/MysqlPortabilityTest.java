package dev.agentsession.portability;

import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import dev.agentsession.conformance.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("export and import on MySQL/MariaDB")
class MysqlPortabilityTest extends PortabilityContract {

    @Override
    SessionService freshStore() throws Exception {
        return SessionServices.open(TestDatabase.MYSQL.freshStoreUrl(() -> null));
    }
}
