package dev.agentsession.postgres;

import dev.agentsession.SessionService;
import dev.agentsession.sql.ServerDialect;
import dev.agentsession.sql.ServerStoreBuilder;
import java.util.Locale;

/**
 * Opens a {@link SessionService} on PostgreSQL 13 or later, for servers and fleets: many
 * processes and machines may share one database.
 *
 * <p>Metadata, actions and tool ids are {@code jsonb}. An append locks its session's row, so
 * concurrent appends to one session queue there and sequences stay gap-free; appends to different
 * sessions run in parallel. The schema is created or upgraded by Flyway on open (switchable off).
 *
 * <pre>{@code
 * SessionService store = PostgresSessionService.builder()
 *         .url("jdbc:postgresql://db:5432/app").user("agent").password(secret)
 *         .build();
 * }</pre>
 *
 * Or with the caller's own pool, which the caller keeps and closes:
 * {@code PostgresSessionService.builder().dataSource(ds).build()}.
 */
public final class PostgresSessionService {

    private PostgresSessionService() {
    }

    /** @return whether {@code url} is a PostgreSQL JDBC URL */
    static boolean opens(String url) {
        return url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:");
    }

    /** Starts configuring a store. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Configures a PostgreSQL store: {@code url} (or {@code dataSource}), {@code user},
     * {@code password}, {@code maxPoolSize} (10), {@code connectionTimeout} (10 s),
     * {@code migrate} (true).
     */
    public static final class Builder extends ServerStoreBuilder<Builder> {

        private Builder() {
        }

        @Override
        protected ServerDialect dialect() {
            return new PostgresDialect();
        }

        @Override
        protected String driverClassName() {
            return "org.postgresql.Driver";
        }

        @Override
        protected boolean accepts(String url) {
            return opens(url);
        }
    }
}
