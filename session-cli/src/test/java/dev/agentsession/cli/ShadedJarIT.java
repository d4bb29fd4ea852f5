package dev.agentsession.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
