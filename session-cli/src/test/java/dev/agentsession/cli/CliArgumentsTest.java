package dev.agentsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

@DisplayName("session-cli's arguments")
class CliArgumentsTest {

    @TempDir
    Path folder;

    @Test
    @DisplayName("--help works on every subcommand and shows its usage")
    void helpOnEverySubcommand() {
        for (String name : new CommandLine(new SessionCli()).getSubcommands().keySet()) {
            PrintStream original = System.out;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StringWriter err = new StringWriter();
            int code;
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                code = SessionCli.run(new PrintWriter(err, true), name, "--help");
            } finally {
                System.setOut(original);
            }
            assertThat(code).as(name + " --help exit code; error: %s", err).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).as(name + " --help").contains("Usage: session-cli " + name);
        }
    }

    @ParameterizedTest(name = "--older-than {0}")
    @ValueSource(strings = {"0s", "0d", "-5d", "-1h", "PT0S", "P-1D", "-PT5M"})
    @DisplayName("prune refuses an age that is not positive, before it opens the store")
    void pruneRefusesNonPositiveAges(String age) {
        StringWriter err = new StringWriter();

        int code = SessionCli.run(new PrintWriter(err, true), "prune", "--url", "sqlite:" + folder.resolve("p.db"),
                "--older-than", age, "--yes");

        assertThat(code).isEqualTo(SessionCli.BAD_INPUT);
        assertThat(err.toString()).contains("--older-than '" + age + "' must be positive");
        assertThat(folder.resolve("p.db")).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"list", "show --app a --user u s", "export", "stats", "doctor", "serve --port 0",
        "backup --to BACKUP", "copy --to sqlite:TARGET", "prune --older-than 30d", "erase-user --app a --user u --yes"})
    @DisplayName("a command given a SQLite path where no store exists says so by name, and creates nothing")
    void missingStoreNamed(String command) {
        Path missing = folder.resolve("typo").resolve("sessions.db");
        List<String> args = new ArrayList<>(List.of(command.replace("BACKUP", folder.resolve("b.db").toString())
                .replace("TARGET", folder.resolve("t.db").toString()).split(" ")));
        args.addAll(1, List.of("--url", "sqlite:" + missing));
        StringWriter err = new StringWriter();

        int code = SessionCli.run(new PrintWriter(err, true), args.toArray(String[]::new));

        assertThat(code).isEqualTo(SessionCli.BAD_INPUT);
        assertThat(err.toString()).contains("no SQLite store at " + missing + ": the file does not exist");
        assertThat(folder.resolve("typo")).doesNotExist();
    }
}
