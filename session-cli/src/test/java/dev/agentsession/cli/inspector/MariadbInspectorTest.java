package dev.agentsession.cli.inspector;

import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import dev.agentsession.conformance.TestDatabase;

/** The inspector over MariaDB, in a schema of its own. */
class MariadbInspectorTest extends InspectorApiContract {

    @Override
    protected SessionService openEmptyStore() throws Exception {
        return SessionServices.open(TestDatabase.MYSQL.freshStoreUrl(() -> null));
    }
}
