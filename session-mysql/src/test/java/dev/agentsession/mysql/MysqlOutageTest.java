package dev.agentsession.mysql;

import dev.agentsession.conformance.ServerOutageConformance;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;

/** Without a delta an append is one call of the append routine in auto-commit: no COMMIT follows it. */
@DisplayName("MySQL/MariaDB outage and recovery")
class MysqlOutageTest extends ServerOutageConformance implements MysqlTestBackend {

    /**
     * MariaDB Connector/J sends a statement's first prepare and its run in one write, and the
     * server answers the prepare before it runs the statement: the proxy would lose that answer, cut
     * the connection before the append committed and leave the outcome to a race. Without the
     * pipeline the request that carries the markers is the run alone.
     */
    @Override
    protected String outageStoreUrl() throws SQLException {
        String url = freshStoreUrl();
        return url + (url.contains("?") ? "&" : "?") + "disablePipeline=true";
    }
}
