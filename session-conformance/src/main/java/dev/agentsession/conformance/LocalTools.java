package dev.agentsession.conformance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What tests that start programs of this machine share: the rule for a missing program (skipped
 * with the reason, except under {@code CI=true}, where it fails), running a command with a bound,
 * free loopback ports and removing a test's folder.
 */
public final class LocalTools {

    private LocalTools() {
    }

    /**
     * Skips the test saying what is missing, or fails it under {@code CI=true}, where {@code .ci/run}
     * installs what the tests need.
     *
     * @param present whether what the test needs is there
     * @param missing what is missing and how to install it
     * @throws AssertionError when it is missing under {@code CI=true}
     */
    public static void require(boolean present, String missing) {
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(missing + " (CI=true, so this fails instead of skipping)");
        }
        assumeTrue(present, "skipped: " + missing);
    }

    /**
     * Runs a command to its end, its output to a log file.
     *
     * @param command the program and its arguments
     * @param log where its standard output and error go
     * @param timeout how long it may take
     * @throws IllegalStateException if it runs longer or fails; the log's text is in the message
     */
    public static void run(List<String> command, Path log, Duration timeout) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout + "; see "
                    + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): "
                    + Files.readString(log));
        }
    }

    /**
     * @return a loopback port free at the moment of asking
     * @throws IOException if none can be had
     */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Removes a folder and everything in it; nothing when it is not there.
     *
     * @param root the folder
     * @throws IOException if something cannot be removed
     */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
