package dev.agentsession;

import dev.agentsession.internal.Secrets;
import dev.agentsession.spi.SessionServiceProvider;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

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
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = SessionServices.class.getClassLoader();
        }
        for (SessionServiceProvider provider : ServiceLoader.load(SessionServiceProvider.class, loader)) {
            if (provider.module().equals(scheme.module())) {
                return provider.open(config);
            }
        }
        throw new IllegalArgumentException("no backend on the classpath opens '" + Secrets.maskUrl(url)
                + "': add the dependency dev.agentsession:" + scheme.module());
    }
}
