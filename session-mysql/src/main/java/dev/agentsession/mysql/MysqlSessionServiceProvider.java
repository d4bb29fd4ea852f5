package dev.agentsession.mysql;

import dev.agentsession.SessionService;
import dev.agentsession.SessionStoreConfig;
import dev.agentsession.spi.SessionServiceProvider;
import javax.sql.DataSource;

/**
 * Opens {@code jdbc:mysql:} and {@code jdbc:mariadb:} URLs with the configuration's user, password, pool size and
 * migrate flag. Found by {@link java.util.ServiceLoader}; programs use
 * {@link dev.agentsession.SessionServices#open}.
 */
public final class MysqlSessionServiceProvider implements SessionServiceProvider {

    @Override
    public String module() {
        return "session-mysql";
    }


    @Override
    public SessionService open(SessionStoreConfig config) {
        return MysqlSessionService.builder().config(config).build();
    }

    @Override
    public SessionService open(DataSource dataSource, boolean migrate) {
        return MysqlSessionService.builder().dataSource(dataSource).migrate(migrate).build();
    }
}
