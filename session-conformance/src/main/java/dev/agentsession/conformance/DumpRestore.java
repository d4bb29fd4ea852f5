package dev.agentsession.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Restores a text dump into a new store with the server's own client ({@code psql} or
 * {@code mariadb}), the way an operator restores a {@code pg_dump} or {@code mariadb-dump}: the
 * upgrade fixtures are such dumps. Without the client on the PATH the test is skipped with the
 * reason, except under {@code CI=true}, where it fails.
 */
public final class DumpRestore {

    private DumpRestore() {
    }

    /**
     * Runs a client with the dump as its standard input.
     *
     * @param command the client and its arguments
     * @param dump the dump's text
     * @param environment extra environment variables, such as a password
     * @throws Exception if the client fails; its output is in the message
     */
    public static void run(List<String> command, String dump, Map<String, String> environment) throws Exception {
        boolean present = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            present |= new java.io.File(dir, command.get(0)).canExecute();
        }
        LocalTools.require(present, "the client " + command.get(0) + " is not on the PATH, so the dump cannot be restored");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(dump.getBytes(StandardCharsets.UTF_8));
        }
        String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(command.get(0) + " failed to restore the dump: " + output);
        }
    }

    /**
     * @param resource a class-path resource
     * @param owner a class whose loader sees it
     * @return its text
     * @throws IOException if it cannot be read
     */
    public static String text(String resource, Class<?> owner) throws IOException {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The parts of a server JDBC URL a command-line client needs. */
    public record Server(String host, int port, String database, String user, String password) {

        /**
         * @param jdbcUrl such as {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
         * @param defaultPort the port where the URL names none
         * @return its parts
         */
        public static Server of(String jdbcUrl, int defaultPort) {
            URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            String user = null;
            String password = null;
            if (uri.getQuery() != null) {
                for (String pair : uri.getQuery().split("&")) {
                    String[] kv = pair.split("=", 2);
                    if (kv[0].equals("user")) {
                        user = kv[1];
                    } else if (kv[0].equals("password")) {
                        password = kv[1];
                    }
                }
            }
            String path = uri.getPath() == null ? "" : uri.getPath();
            return new Server(uri.getHost(), uri.getPort() < 0 ? defaultPort : uri.getPort(),
                    path.startsWith("/") ? path.substring(1) : path, user, password);
        }

    }
}
