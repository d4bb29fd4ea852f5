package dev.agentsession.mysql;

import dev.agentsession.conformance.UpgradeConformance;
import org.junit.jupiter.api.DisplayName;

@DisplayName("MySQL/MariaDB upgrade from release 0.1")
class MysqlUpgradeTest extends UpgradeConformance {

    @Override
    protected String restoreReleaseZeroOneStore() throws Exception {
        return MysqlTestBackend.restoreDump("/upgrade/v2/mariadb.sql");
    }

    /**
     * Version 4 keeps events in sequence order and adds the append routine; 5 the routine that
     * appends with state; 6 each state key's entry bytes.
     */
    @Override
    protected int currentSchemaVersion() {
        return 6;
    }
}
