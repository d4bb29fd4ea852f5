package dev.agentsession;

import dev.agentsession.spi.Secrets;
import dev.agentsession.spi.SessionServiceProvider;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

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

    private record Scheme(String prefix, String module) {
    }

    private static final List<Scheme> KNOWN = List.of(
            new Scheme("memory:", "session-memory"),
            new Scheme("sqlite:", "session-sqlite"),
            new Scheme("jdbc:sqlite:", "session-sqlite"),
            new Scheme("jdbc:postgresql:", "session-postgres"),
            new Scheme("jdbc:mysql:", "session-mysql"),
            new Scheme("jdbc:mariadb:", "session-mysql"));

    private SessionServices() {
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
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = SessionServices.class.getClassLoader();
        }
        for (SessionServiceProvider provider : ServiceLoader.load(SessionServiceProvider.class, loader)) {
            if (provider.supports(url)) {
                return provider.open(config);
            }
        }
        String lower = url.toLowerCase(Locale.ROOT);
        for (Scheme scheme : KNOWN) {
            if (lower.startsWith(scheme.prefix())) {
                throw new IllegalArgumentException("no backend on the classpath opens '"
                        + Secrets.maskUrl(url) + "': add the dependency dev.agentsession:"
                        + scheme.module());
            }
        }
        throw new IllegalArgumentException("unknown store URL '" + Secrets.maskUrl(url)
                + "': expected memory: (module session-memory), sqlite:PATH or jdbc:sqlite:PATH"
                + " (session-sqlite), jdbc:postgresql://... (session-postgres), or"
                + " jdbc:mysql://... or jdbc:mariadb://... (session-mysql)");
    }
}
