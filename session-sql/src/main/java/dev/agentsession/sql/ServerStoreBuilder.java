package dev.agentsession.sql;

import com.zaxxer.hikari.HikariConfig;
import dev.agentsession.RetryPolicy;
import dev.agentsession.SessionServices;
import dev.agentsession.SessionStoreConfig;
import dev.agentsession.SessionStoreException;
import dev.agentsession.SessionStoreUnavailableException;
import dev.agentsession.internal.Secrets;
import dev.agentsession.sql.spi.Dialect;
import dev.agentsession.sql.spi.SqlDatabase;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The settings every database-server backend takes, and how they become a pooled service. The
 * PostgreSQL and MySQL/MariaDB builders add only how to recognise their server, their driver and
 * their service class.
 *
 * @param <B> the concrete builder, returned by each setter
 * @param <S> the service it builds
 */
public abstract class ServerStoreBuilder<B extends ServerStoreBuilder<B, S>, S extends SqlSessionService> {

    /** Connections kept open by default. */
    public static final int DEFAULT_POOL_SIZE = 10;
    /** How long a call waits for a connection by default before failing. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);

    /** Option: how many times a call runs at most ({@link RetryPolicy#maxAttempts()}). */
    public static final String RETRY_ATTEMPTS = "retry.maxAttempts";
    /** Option: the longest wait before the second attempt ({@link RetryPolicy#initialBackoff()}). */
    public static final String RETRY_INITIAL_BACKOFF = "retry.initialBackoff";
    /** Option: the longest wait before any attempt ({@link RetryPolicy#maxBackoff()}). */
    public static final String RETRY_MAX_BACKOFF = "retry.maxBackoff";

    private String url;
    private String user;
    private String password;
    private DataSource dataSource;
    private int maxPoolSize = DEFAULT_POOL_SIZE;
    private boolean migrate = true;
    private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();

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
     * {@link SessionStoreUnavailableException}; 10 seconds by default, at least 250 ms.
     */
    public B connectionTimeout(Duration connectionTimeout) {
        this.connectionTimeout = Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        return self();
    }

    /**
     * How calls are run again after a failure that is safe to retry (see {@link RetryPolicy});
     * {@link RetryPolicy#defaults()} unless set.
     */
    public B retryPolicy(RetryPolicy retryPolicy) {
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        return self();
    }

    /** The options {@link #config} understands: the retry policy's three settings. */
    private static final List<String> OPTIONS = List.of(RETRY_ATTEMPTS, RETRY_INITIAL_BACKOFF, RETRY_MAX_BACKOFF);

    /**
     * Takes the URL, credentials, pool size and migrate flag of a configuration, and its options
     * {@value #RETRY_ATTEMPTS}, {@value #RETRY_INITIAL_BACKOFF} and {@value #RETRY_MAX_BACKOFF}
     * (ISO-8601 durations such as {@code PT0.01S}, or milliseconds).
     *
     * @throws IllegalArgumentException naming an unknown option or a value that is not a number
     *     or duration
     */
    public B config(SessionStoreConfig config) {
        url(config.url()).user(config.user()).password(config.password()).migrate(config.migrate());
        if (config.maxPoolSize() > 0) {
            maxPoolSize(config.maxPoolSize());
        }
        List<String> unknown = config.options().keySet().stream().filter(name -> !OPTIONS.contains(name)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown " + serverName() + " options " + unknown + " (known: " + OPTIONS
                    + "); put driver settings in the URL");
        }
        Map<String, String> options = config.options();
        if (options.keySet().stream().anyMatch(OPTIONS::contains)) {
            retryPolicy(new RetryPolicy(
                    options.containsKey(RETRY_ATTEMPTS) ? attempts(options.get(RETRY_ATTEMPTS))
                            : retryPolicy.maxAttempts(),
                    options.containsKey(RETRY_INITIAL_BACKOFF) ? duration(RETRY_INITIAL_BACKOFF,
                            options.get(RETRY_INITIAL_BACKOFF)) : retryPolicy.initialBackoff(),
                    options.containsKey(RETRY_MAX_BACKOFF) ? duration(RETRY_MAX_BACKOFF, options.get(RETRY_MAX_BACKOFF))
                            : retryPolicy.maxBackoff()));
        }
        return self();
    }

    private static int attempts(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + RETRY_ATTEMPTS + " must be a whole number, was '" + value
                    + "'", e);
        }
    }

    private static Duration duration(String option, String value) {
        try {
            String text = value.trim();
            return text.matches("\\d+") ? Duration.ofMillis(Long.parseLong(text)) : Duration.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("option " + option + " must be milliseconds or an ISO-8601 duration,"
                    + " was '" + value + "'", e);
        }
    }

    /** @return the server's name for messages, such as "PostgreSQL" */
    protected abstract String serverName();

    /** @return the module of this backend, such as "session-postgres": it opens the URLs listed for it */
    protected abstract String module();

    /**
     * Tells, once on open, which dialect the server needs.
     *
     * @param metadata what the server says it is
     * @return the dialect
     * @throws SQLException if the server cannot be asked
     * @throws SessionStoreException if the server is not one this backend supports
     */
    protected abstract Dialect dialect(DatabaseMetaData metadata) throws SQLException;

    /** @return the JDBC driver class to load */
    protected abstract String driverClassName();

    /**
     * Wraps the opened database in this backend's service.
     *
     * @param database the database, its schema in place
     * @return the service, which owns the database from now on
     */
    protected abstract S service(SqlDatabase database);

    /**
     * Adjusts the pool before it opens: the URL the driver gets, driver properties. Nothing by
     * default.
     *
     * @param pool the pool's settings
     */
    protected void configure(HikariConfig pool) {
    }

    /**
     * Opens the store.
     *
     * @throws IllegalArgumentException if neither or both of url and dataSource are set, the URL
     *     is not for this backend, or a number is out of range
     * @throws SessionStoreUnavailableException if the server cannot be reached
     * @throws SessionStoreException if the server refuses the connection or the schema cannot be
     *     prepared; the message never contains the password
     */
    public S build() {
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
            return service(ServerDatabase.open(serverName(), this::dialect, dataSource, migrate, retryPolicy));
        }
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url must be set (or a dataSource given)");
        }
        if (!SessionServices.module(url).equals(Optional.of(module()))) {
            throw new IllegalArgumentException("url '" + Secrets.maskUrl(url) + "' is not a "
                    + serverName() + " JDBC URL");
        }
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("agent-session-" + module().substring(module().indexOf('-') + 1));
        pool.setDriverClassName(driverClassName());
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaximumPoolSize(maxPoolSize);
        pool.setMinimumIdle(Math.min(2, maxPoolSize));
        pool.setConnectionTimeout(connectionTimeout.toMillis());
        pool.setValidationTimeout(Math.min(5_000, connectionTimeout.toMillis()));
        configure(pool);
        return service(ServerDatabase.open(serverName(), this::dialect, pool, migrate, retryPolicy));
    }
}
