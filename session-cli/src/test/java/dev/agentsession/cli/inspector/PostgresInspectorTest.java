package dev.agentsession.cli.inspector;

import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import dev.agentsession.conformance.TestDatabase;

/** The inspector over PostgreSQL, in a schema of its own. */
class PostgresInspectorTest extends InspectorApiContract {

    @Override
    protected SessionService openEmptyStore() throws Exception {
        return SessionServices.open(TestDatabase.POSTGRES.freshStoreUrl(() -> null));
    }
}
