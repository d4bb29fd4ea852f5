package dev.agentsession;

import dev.agentsession.internal.Secrets;
import dev.agentsession.spi.SessionServiceProvider;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Opens a store chosen by configuration: the backend is found on the classpath from the URL,
 * so a program can move from SQLite to PostgreSQL by changing one setting.
 *
 * <table>
 *   <caption>Store URLs</caption>
 *   <tr><th>URL</th><th>module to add</th></tr>
 *   <tr><td>{@code memory:}</td><td>{@code session-memory}</td></tr>
 *   <tr><td>{@code sqlite:/path/sessions.db}, {@code jdbc:sqlite:/path/sessions.db}</td>
 *       <td>{@code session-sqlite}</td></tr>
 *   <tr><td>{@code jdbc:postgresql://host:5432/db}</td><td>{@code session-postgres}</td></tr>
 *   <tr><td>{@code jdbc:mysql://host:3306/db}, {@code jdbc:mariadb://host:3306/db}</td>
 *       <td>{@code session-mysql}</td></tr>
 * </table>
 */
public final class SessionServices {

    /** A URL prefix and the module whose provider opens it: the one list of store URLs. */
    private record Scheme(String prefix, String module, String example) {
    }

    private static final List<Scheme> KNOWN = List.of(
            new Scheme("memory:", "session-memory", "memory:"),
            new Scheme("sqlite:", "session-sqlite", "sqlite:PATH"),
            new Scheme("jdbc:sqlite:", "session-sqlite", "jdbc:sqlite:PATH"),
            new Scheme("jdbc:postgresql:", "session-postgres", "jdbc:postgresql://..."),
            new Scheme("jdbc:mysql:", "session-mysql", "jdbc:mysql://..."),
            new Scheme("jdbc:mariadb:", "session-mysql", "jdbc:mariadb://..."));

    private SessionServices() {
    }

    /**
     * Tells which module opens a store URL, by its scheme alone.
     *
     * @param url a store URL
     * @return the module, such as {@code session-sqlite}; empty for an unknown scheme
     */
    public static Optional<String> module(String url) {
        return scheme(Objects.requireNonNull(url, "url")).map(Scheme::module);
    }

    private static Optional<Scheme> scheme(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return KNOWN.stream().filter(known -> lower.startsWith(known.prefix())).findFirst();
    }

    /**
     * Opens the store at {@code url} with default settings.
     *
     * @throws IllegalArgumentException if the URL's scheme is unknown, or no module on the
     *     classpath opens it (the message names the module to add)
     * @throws SessionStoreException if the store cannot be opened
     */
    public static SessionService open(String url) {
        return open(SessionStoreConfig.of(url));
    }

    /**
     * Opens the store that {@code config} describes.
     *
     * @throws IllegalArgumentException if the URL's scheme is unknown, or no module on the
     *     classpath opens it (the message names the module to add)
     * @throws SessionStoreException if the store cannot be opened
     */
    public static SessionService open(SessionStoreConfig config) {
        String url = config.url();
        Scheme scheme = scheme(url)
                .orElseThrow(() -> new IllegalArgumentException("unknown store URL '" + Secrets.maskUrl(url)
                        + "': expected " + KNOWN.stream().map(known -> known.example() + " (" + known.module() + ")")
                                .collect(Collectors.joining(", "))));
        return provider(scheme.module(), "'" + Secrets.maskUrl(url) + "'").open(config);
    }

    /**
     * Opens a store over a data source the program already has (a Spring {@code DataSource} bean,
     * a pool of its own), choosing the backend from the database it reaches: PostgreSQL, MySQL or
     * MariaDB use the data source as it is; for SQLite, whose store manages its own connections,
     * the store is opened at the data source's file.
     *
     * @param dataSource the data source; the service does not close it
     * @param migrate whether to bring the schema up to date
     * @throws IllegalArgumentException if the database is of no known kind, or the module that
     *     opens it is not on the classpath (the message names the module to add)
     * @throws SessionStoreException if the database cannot be reached or the store opened
     */
    public static SessionService open(DataSource dataSource, boolean migrate) {
        Objects.requireNonNull(dataSource, "dataSource");
        String product;
        String url;
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            product = metaData.getDatabaseProductName();
            url = metaData.getURL();
        } catch (SQLException e) {
            throw new SessionStoreException("reaching the database of the data source to open a store: "
                    + e.getMessage(), e);
        }
        String lower = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (lower.contains("sqlite")) {
            return open(SessionStoreConfig.builder(url).migrate(migrate).build());
        }
        String module = lower.contains("postgres") ? "session-postgres"
                : lower.contains("mysql") || lower.contains("mariadb") ? "session-mysql" : null;
        if (module == null) {
            throw new IllegalArgumentException("the data source reaches " + product + ", which no backend stores in:"
                    + " expected PostgreSQL, MySQL, MariaDB or SQLite");
        }
        return provider(module, "a " + product + " data source").open(dataSource, migrate);
    }

    private static SessionServiceProvider provider(String module, String what) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = SessionServices.class.getClassLoader();
        }
        for (SessionServiceProvider provider : ServiceLoader.load(SessionServiceProvider.class, loader)) {
            if (provider.module().equals(module)) {
                return provider;
            }
        }
        throw new IllegalArgumentException("no backend on the classpath opens " + what
                + ": add the dependency dev.agentsession:" + module);
    }
}
