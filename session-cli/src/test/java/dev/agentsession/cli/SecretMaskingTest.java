package dev.agentsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** No command prints a secret of the store URL it was given, whatever the URL's form. */
@DisplayName("session-cli never prints a secret")
class SecretMaskingTest {

    private static final String SECRET = "s3cr3t-Pa55";

    @TempDir
    static Path folder;

    /** Store URLs that cannot be opened (nothing listens on port 1), each with the secret in another place. */
    static List<String> urls() {
        return List.of(
                "jdbc:postgresql://127.0.0.1:1/test?user=u&password=" + SECRET,
                "jdbc:postgresql://127.0.0.1:1/test?user=u&sslpassword=" + SECRET,
                "jdbc:postgresql://u:" + SECRET + "/x@127.0.0.1:1/test",
                "jdbc:mariadb://127.0.0.1:1/test?user=u&password1=" + SECRET,
                "jdbc:mysql://address=(host=127.0.0.1)(port=1)(user=u)(password=" + SECRET + ")/test",
                "postgres://u:" + SECRET + "@127.0.0.1:1/test",
                "unknown://127.0.0.1:1/test?token=" + SECRET);
    }

    /** Every command that opens a store, with the arguments it needs besides the URL. */
    static List<List<String>> commands() {
        String file = folder.resolve("x.jsonl").toString();
        return List.of(
                List.of("list"), List.of("show", "--app", "a", "--user", "u", "s"), List.of("export", "-o", file),
                List.of("import", file), List.of("prune", "--older-than", "30d"), List.of("backup", "--to", file),
                List.of("stats"), List.of("erase-user", "--app", "a", "--user", "u", "--yes"), List.of("doctor"),
                List.of("serve", "--port", "0"));
    }

    static Stream<Arguments> everyCommandWithEveryForm() {
        List<Arguments> cases = new ArrayList<>();
        for (List<String> command : commands()) {
            for (String url : urls()) {
                cases.add(Arguments.of(command.get(0), command, url));
            }
        }
        for (String url : urls()) {
            cases.add(Arguments.of("copy --to", List.of("copy", "--to", url), "sqlite:" + folder.resolve("s.db")));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("everyCommandWithEveryForm")
    @DisplayName("a failing command names the store, never its secret")
    void neverPrintsTheSecret(String name, List<String> command, String url) {
        List<String> args = new ArrayList<>(command);
        args.add(1, "--url");
        args.add(2, url);
        StringWriter err = new StringWriter();

        int code = SessionCli.run(new PrintWriter(err, true), args.toArray(String[]::new));

        assertThat(code).as("exit code").isNotZero();
        assertThat(err.toString()).contains("session-cli: ").doesNotContain(SECRET).doesNotContain("s3cr3t");
    }
}
