package dev.agentsession.postgres;

import dev.agentsession.sql.ServerStoreBuilder;
import dev.agentsession.sql.SqlSessionService;
import dev.agentsession.sql.spi.Dialect;
import dev.agentsession.sql.spi.SqlDatabase;
import java.sql.DatabaseMetaData;

/**
 * A {@link dev.agentsession.SessionService} on PostgreSQL 13 or later, for servers and fleets:
 * many processes and machines may share one database.
 *
 * <p>Metadata, actions and tool ids are {@code jsonb}. An append is one statement (a
 * data-modifying CTE that raises the session's sequence and inserts the event) in auto-commit, so
 * it takes one round trip; it locks its session's row, so concurrent appends to one session queue
 * there and sequences stay gap-free, while appends to different sessions run in parallel. The
 * schema is created or upgraded by Flyway on open (switchable off).
 *
 * <pre>{@code
 * PostgresSessionService store = PostgresSessionService.builder()
 *         .url("jdbc:postgresql://db:5432/app").user("agent").password(secret)
 *         .build();
 * }</pre>
 *
 * Or with the caller's own pool, which the caller keeps and closes:
 * {@code PostgresSessionService.builder().dataSource(ds).build()}.
 */
public final class PostgresSessionService extends SqlSessionService {

    private PostgresSessionService(SqlDatabase database) {
        super(database);
    }

    /** @return a builder for a PostgreSQL store */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Configures a PostgreSQL store: {@code url} (or {@code dataSource}), {@code user},
     * {@code password}, {@code maxPoolSize} (10), {@code connectionTimeout} (10 s),
     * {@code migrate} (true).
     */
    public static final class Builder extends ServerStoreBuilder<Builder, PostgresSessionService> {

        private Builder() {
        }

        @Override
        protected String serverName() {
            return "PostgreSQL";
        }

        @Override
        protected String module() {
            return "session-postgres";
        }

        @Override
        protected Dialect dialect(DatabaseMetaData metadata) {
            return PostgresDialect.INSTANCE;
        }

        @Override
        protected String driverClassName() {
            return "org.postgresql.Driver";
        }

        @Override
        protected PostgresSessionService service(SqlDatabase database) {
            return new PostgresSessionService(database);
        }
    }
}
