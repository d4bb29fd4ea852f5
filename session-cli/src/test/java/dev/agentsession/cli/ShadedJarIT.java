package dev.agentsession.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged tool, run with {@code java -jar} as the docs say. */
@DisplayName("the session-cli jar")
class ShadedJarIT {

    /** The newest JDK this machine's CI has; where it is missing, the JDK running the tests. */
    private static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    @TempDir
    Path folder;

    @Test
    @DisplayName("on Java 22 and later, opening a SQLite store prints no native-access warning")
    void noNativeAccessWarning() throws IOException, InterruptedException {
        Path java = Files.isExecutable(JDK_25.resolve("bin/java")) ? JDK_25.resolve("bin/java")
                : Path.of(System.getProperty("java.home"), "bin", "java");
        assumeTrue(Files.isExecutable(JDK_25.resolve("bin/java")) || Runtime.version().feature() >= 22,
                "needs Java 22 or later (at " + JDK_25 + " or running the tests) to see the warning");
        try (SessionService store = SessionServices.open("sqlite:" + folder.resolve("store.db"))) {
            assertThat(store.toString()).contains("store.db");
        }
        Path jar = Path.of("target", "session-cli.jar");
        Path err = folder.resolve("err.txt");
        Process process = new ProcessBuilder(List.of(java.toString(), "-jar", jar.toString(), "stats", "--url",
                "sqlite:" + folder.resolve("store.db")))
                .redirectOutput(folder.resolve("out.txt").toFile()).redirectError(err.toFile()).start();

        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("exit code; standard error: %s", Files.readString(err)).isZero();
        assertThat(Files.readString(folder.resolve("out.txt"))).contains("sessions: 0");
        assertThat(Files.readString(err)).doesNotContain("WARNING").isEmpty();
    }

    @Test
    @DisplayName("a user who may only read a SQLite store file can list, show and export it, and nothing is written to it")
    void readOnlyStore() throws IOException, InterruptedException {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "needs root and setpriv to run the tool as another user (nobody) on a file that user may only read");
        Path shared = Files.createTempDirectory("session-cli-readonly");
        try {
            Path store = shared.resolve("store.db");
            try (SessionService service = SessionServices.open("sqlite:" + store)) {
                service.create(CreateRequest.builder("app", "ann", "agent").sessionId("s1").build())
                        .addEvent(AddEventOptions.of("user", "hello from a read-only file"));
            }
            Path jar = Files.copy(Path.of("target", "session-cli.jar"), shared.resolve("session-cli.jar"));
            // the file is root's, 0444; the folder is writable by all (as /tmp), so SQLite can keep
            // its shared-memory index beside the file, as a reader of a WAL database must
            for (Path path : List.of(store, jar)) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("r--r--r--"));
            }
            Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
            byte[] before = Files.readAllBytes(store);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

            for (List<String> command : List.of(List.of("list"), List.of("show", "--app", "app", "--user", "ann", "s1"),
                    List.of("export"))) {
                List<String> line = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
                        "--clear-groups", java, "-jar", jar.toString()));
                line.addAll(command);
                line.addAll(List.of("--url", "sqlite:" + store));
                Process process = new ProcessBuilder(line).redirectOutput(folder.resolve("out.txt").toFile())
                        .redirectError(folder.resolve("err.txt").toFile()).start();
                assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
                assertThat(process.exitValue()).as("%s: %s", command, Files.readString(folder.resolve("err.txt")))
                        .isZero();
                assertThat(Files.readString(folder.resolve("out.txt"))).as("%s", command)
                        .contains(command.get(0).equals("list") ? "app/ann/s1" : "hello from a read-only file");
            }
            assertThat(Files.readAllBytes(store)).isEqualTo(before);
        } finally {
            Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwx------"));
            try (var files = Files.list(shared)) {
                for (Path path : files.toList()) {
                    Files.delete(path);
                }
            }
            Files.delete(shared);
        }
    }
}
