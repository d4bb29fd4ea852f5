package dev.agentsession.mysql;

import java.sql.SQLException;

/** The server kits against node 1 of the test JVM's {@link GaleraCluster}. */
interface GaleraTestBackend extends MysqlTestBackend {

    @Override
    default String freshStoreUrl() throws SQLException {
        GaleraCluster cluster = GaleraCluster.shared();
        return cluster.node(1).url(cluster.freshDatabase());
    }
}
