package dev.agentsession.postgres;

import dev.agentsession.conformance.UpgradeConformance;
import org.junit.jupiter.api.DisplayName;

@DisplayName("PostgreSQL upgrade from release 0.1")
class PostgresUpgradeTest extends UpgradeConformance {

    @Override
    protected String restoreReleaseZeroOneStore() throws Exception {
        return PostgresTestBackend.restoreDump("/upgrade/v2/postgres.sql");
    }

    /** Version 4 keeps each state key's entry bytes. */
    @Override
    protected int currentSchemaVersion() {
        return 4;
    }
}
