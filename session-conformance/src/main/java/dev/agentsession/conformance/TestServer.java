package dev.agentsession.conformance;

import dev.agentsession.internal.Secrets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Finds the database server a backend's tests run against, in this order:
 * <ol>
 *   <li>an explicit JDBC URL: system property {@code agentsession.test.<name>.url} or environment
 *       variable {@code AGENTSESSION_TEST_<NAME>_URL};</li>
 *   <li>a server already listening on localhost with the default test credentials;</li>
 *   <li>a Testcontainers container, when a Docker engine is present.</li>
 * </ol>
 * With none of these the calling test is skipped with a message that says how to provide one,
 * except when the environment variable {@code CI} is {@code true}: there a missing database
 * fails the build.
 */
public final class TestServer {

    private static final Map<String, Optional<String>> FOUND = new ConcurrentHashMap<>();

    private TestServer() {
    }

    /**
     * @param name the backend's short name, such as {@code postgres} or {@code mysql}
     * @param localUrl the JDBC URL of a local server with the default test credentials
     * @param container starts a container and returns its JDBC URL, or returns {@code null}
     *     when no Docker engine is present
     * @return the JDBC URL to test against (found once per JVM)
     */
    public static String locate(String name, String localUrl, Supplier<String> container) {
        Optional<String> url = FOUND.computeIfAbsent(name, n -> Optional.ofNullable(find(n, localUrl, container)));
        if (url.isPresent()) {
            return url.get();
        }
        String upper = name.toUpperCase(Locale.ROOT);
        String message = "no " + name + " database to test against: set -Dagentsession.test." + name
                + ".url=jdbc:... or AGENTSESSION_TEST_" + upper + "_URL, start a server on localhost that accepts "
                + Secrets.maskUrl(localUrl) + ", or install Docker for Testcontainers";
        LocalTools.require(false, message);
        throw new AssertionError("unreachable");
    }

    private static String find(String name, String localUrl, Supplier<String> container) {
        String explicit = System.getProperty("agentsession.test." + name + ".url");
        if (explicit == null || explicit.isBlank()) {
            explicit = System.getenv("AGENTSESSION_TEST_" + name.toUpperCase(Locale.ROOT) + "_URL");
        }
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        if (reachable(localUrl)) {
            return localUrl;
        }
        return container.get();
    }

    private static boolean reachable(String url) {
        DriverManager.setLoginTimeout(5);
        try (Connection connection = DriverManager.getConnection(url)) {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }
}
