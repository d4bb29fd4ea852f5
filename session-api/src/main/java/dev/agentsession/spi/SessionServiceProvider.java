package dev.agentsession.spi;

import dev.agentsession.SessionService;
import dev.agentsession.SessionStoreConfig;

/**
 * A backend that {@link dev.agentsession.SessionServices} can open from a URL. Backends register
 * an implementation in {@code META-INF/services/dev.agentsession.spi.SessionServiceProvider}, and
 * {@link java.util.ServiceLoader} finds it on the classpath, the way JDBC drivers are found.
 */
public interface SessionServiceProvider {

    /** @return the backend's module, such as {@code session-sqlite}, for messages */
    String module();

    /**
     * @param url a store URL, never {@code null}
     * @return whether this backend opens stores of this URL's scheme
     */
    boolean supports(String url);

    /**
     * Opens a store. Called only with a URL for which {@link #supports} returned {@code true}.
     *
     * @throws IllegalArgumentException if the URL or a setting is invalid for this backend
     * @throws dev.agentsession.SessionStoreException if the store cannot be opened
     */
    SessionService open(SessionStoreConfig config);
}
