package dev.agentsession.spi;

import dev.agentsession.SessionService;
import dev.agentsession.SessionStoreConfig;
import javax.sql.DataSource;

/**
 * A backend that {@link dev.agentsession.SessionServices} can open from a URL. Backends register
 * an implementation in {@code META-INF/services/dev.agentsession.spi.SessionServiceProvider}, and
 * {@link java.util.ServiceLoader} finds it on the classpath, the way JDBC drivers are found.
 * Which module opens which URL scheme is listed once, in {@link dev.agentsession.SessionServices}.
 */
public interface SessionServiceProvider {

    /**
     * @return the backend's module, such as {@code session-sqlite}: URLs of the schemes that
     *     {@link dev.agentsession.SessionServices} lists for this module are handed to it
     */
    String module();

    /**
     * Opens a store. Called only with a URL of one of this module's schemes.
     *
     * @throws IllegalArgumentException if the URL or a setting is invalid for this backend
     * @throws dev.agentsession.SessionStoreException if the store cannot be opened
     */
    SessionService open(SessionStoreConfig config);

    /**
     * Opens a store over connections the program already pools (for instance a Spring
     * {@code DataSource} bean). Backends that manage their own connections (SQLite, memory) do not
     * support it.
     *
     * @param dataSource the program's data source; the service does not close it
     * @param migrate whether to bring the schema up to date
     * @return the service
     * @throws UnsupportedOperationException if this backend cannot work over a data source
     */
    default SessionService open(DataSource dataSource, boolean migrate) {
        throw new UnsupportedOperationException(module() + " manages its own connections and cannot be opened over a"
                + " DataSource");
    }
}
