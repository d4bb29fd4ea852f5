package dev.agentsession.postgres;

import dev.agentsession.SessionService;
import dev.agentsession.SessionStoreConfig;
import dev.agentsession.spi.SessionServiceProvider;
import javax.sql.DataSource;

/**
 * Opens {@code jdbc:postgresql:} URLs with the configuration's user, password, pool size and
 * migrate flag. Found by {@link java.util.ServiceLoader}; programs use
 * {@link dev.agentsession.SessionServices#open}.
 */
public final class PostgresSessionServiceProvider implements SessionServiceProvider {

    @Override
    public String module() {
        return "session-postgres";
    }


    @Override
    public SessionService open(SessionStoreConfig config) {
        return PostgresSessionService.builder().config(config).build();
    }

    @Override
    public SessionService open(DataSource dataSource, boolean migrate) {
        return PostgresSessionService.builder().dataSource(dataSource).migrate(migrate).build();
    }
}
