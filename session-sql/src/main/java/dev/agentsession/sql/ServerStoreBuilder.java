package dev.agentsession.sql;

import dev.agentsession.spi.Secrets;
import com.zaxxer.hikari.HikariConfig;
import dev.agentsession.SessionService;
import dev.agentsession.SessionStoreConfig;
import dev.agentsession.SessionStoreException;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The settings every database-server backend takes, and how they become a pooled
 * {@link SessionService}. The PostgreSQL and MySQL/MariaDB builders add only their dialect and
 * driver.
 *
 * @param <B> the concrete builder, returned by each setter
 */
public abstract class ServerStoreBuilder<B extends ServerStoreBuilder<B>> {

    /** Connections kept open by default. */
    public static final int DEFAULT_POOL_SIZE = 10;
    /** How long a call waits for a connection by default before failing. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);

    private String url;
    private String user;
    private String password;
    private DataSource dataSource;
    private int maxPoolSize = DEFAULT_POOL_SIZE;
    private boolean migrate = true;
    private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;

    /** For subclasses. */
    protected ServerStoreBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The JDBC URL of the database; required unless a {@link #dataSource} is given. */
    public B url(String url) {
        this.url = url;
        return self();
    }

    /** The database user, unless the URL names it. */
    public B user(String user) {
        this.user = user;
        return self();
    }

    /** The database password, unless the URL holds it. Never shown in messages. */
    public B password(String password) {
        this.password = password;
        return self();
    }

    /**
     * Uses the caller's connections instead of a pool made from the URL. The caller keeps
     * ownership: closing the service does not close the data source.
     */
    public B dataSource(DataSource dataSource) {
        this.dataSource = dataSource;
        return self();
    }

    /** The most connections in the pool; {@value #DEFAULT_POOL_SIZE} by default. */
    public B maxPoolSize(int maxPoolSize) {
        this.maxPoolSize = maxPoolSize;
        return self();
    }

    /** Whether to create or upgrade the schema on open; {@code true} by default. */
    public B migrate(boolean migrate) {
        this.migrate = migrate;
        return self();
    }

    /**
     * How long a call waits for a connection before it fails with a
     * {@link SessionStoreException}; 10 seconds by default, at least 250 ms.
     */
    public B connectionTimeout(Duration connectionTimeout) {
        this.connectionTimeout = Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        return self();
    }

    /** Takes the URL, credentials, pool size and migrate flag of a configuration. */
    public B config(SessionStoreConfig config) {
        url(config.url()).user(config.user()).password(config.password()).migrate(config.migrate());
        if (config.maxPoolSize() > 0) {
            maxPoolSize(config.maxPoolSize());
        }
        if (!config.options().isEmpty()) {
            throw new IllegalArgumentException("unknown " + dialect().name() + " options " + config.options().keySet()
                    + "; put driver settings in the URL");
        }
        return self();
    }

    /** @return the server's specifics */
    protected abstract ServerDialect dialect();

    /** @return the JDBC driver class to load */
    protected abstract String driverClassName();

    /** @return whether this backend opens {@code url} */
    protected abstract boolean accepts(String url);

    /** Adjusts the pool before it opens: the URL the driver gets, driver properties. */
    protected void configure(HikariConfig pool) {
    }

    /**
     * Opens the store.
     *
     * @throws IllegalArgumentException if neither or both of url and dataSource are set, the URL
     *     is not for this backend, or a number is out of range
     * @throws SessionStoreException if the server cannot be reached or the schema cannot be
     *     prepared; the message never contains the password
     */
    public SessionService build() {
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1, was " + maxPoolSize);
        }
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connectionTimeout must be at least 250 ms, was " + connectionTimeout);
        }
        if (dataSource != null) {
            if (url != null) {
                throw new IllegalArgumentException("set either url or dataSource, not both");
            }
            return SqlSessionService.open(ServerDatabase.open(dialect(), dataSource, migrate));
        }
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url must be set (or a dataSource given)");
        }
        if (!accepts(url)) {
            throw new IllegalArgumentException("url '" + Secrets.maskUrl(url) + "' is not a "
                    + dialect().name() + " JDBC URL");
        }
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("agent-session-" + dialect().migrationFolder());
        pool.setDriverClassName(driverClassName());
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaximumPoolSize(maxPoolSize);
        pool.setMinimumIdle(Math.min(2, maxPoolSize));
        pool.setConnectionTimeout(connectionTimeout.toMillis());
        pool.setValidationTimeout(Math.min(5_000, connectionTimeout.toMillis()));
        configure(pool);
        return SqlSessionService.open(ServerDatabase.open(dialect(), pool, migrate));
    }
}
