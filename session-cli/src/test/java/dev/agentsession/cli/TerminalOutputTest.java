package dev.agentsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stored text cannot drive the terminal it is printed on. */
@DisplayName("session-cli on a terminal")
class TerminalOutputTest {

    /** Sets the window title, turns text red, writes "evil" to the clipboard, C1 CSI, a right-to-left override. */
    private static final String HOSTILE = "hi \u001b]0;pwned\u0007 \u001b[31mred \u001b]52;c;ZXZpbA==\u0007"
            + " \u009b1m \u202egnp.exe\nline two\tok";

    @TempDir
    Path folder;

    private String url;

    @BeforeEach
    void store() {
        url = "sqlite:" + folder.resolve("s.db");
        try (SessionService store = SessionServices.open(url)) {
            store.create(CreateRequest.builder("app", "ann", "agent").sessionId("s1").build())
                    .addEvent(AddEventOptions.builder("helper").content(HOSTILE).reasoning(HOSTILE).build());
        }
    }

    private String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(SessionCli.run(new PrintWriter(err, true), args)).as("exit code; error: %s", err).isZero();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("show prints escape sequences, C1 controls and bidi overrides as visible text, keeping newlines and tabs")
    void showEscapes() {
        String shown = run("show", "--url", url, "--app", "app", "--user", "ann", "s1");

        assertThat(shown).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u009b")
                .doesNotContain("\u202e")
                .contains("hi ^[]0;pwned^G ^[[31mred ^[]52;c;ZXZpbA==^G <U+009B>1m <U+202E>gnp.exe\nline two\tok")
                .contains("    reasoning: hi ^[]0;pwned^G");
    }

    @Test
    @DisplayName("show --raw prints the stored text byte for byte, and --json exactly")
    void rawAndJson() throws Exception {
        assertThat(run("show", "--url", url, "--app", "app", "--user", "ann", "s1", "--raw")).contains(HOSTILE);

        JsonNode json = new ObjectMapper().readTree(run("show", "--url", url, "--app", "app", "--user", "ann", "s1",
                "--json"));
        assertThat(json.get("events").get(0).get("content").asText()).isEqualTo(HOSTILE);
    }

    @Test
    @DisplayName("list escapes what it prints of stored names")
    void listEscapes() {
        try (SessionService store = SessionServices.open(url)) {
            store.create(CreateRequest.builder("app", "ann", "agent").sessionId("s\u001b]0;x\u0007").build());
        }

        assertThat(run("list", "--url", url)).contains("app/ann/s^[]0;x^G").doesNotContain("\u001b");
        assertThat(run("list", "--url", url, "--raw")).contains("app/ann/s\u001b]0;x\u0007");
    }

    @Test
    @DisplayName("an error line escapes what it quotes")
    void errorsEscape() {
        StringWriter err = new StringWriter();
        SessionCli.run(new PrintWriter(err, true), "show", "--url", url, "--app", "app", "--user", "ann",
                "no\u001b]0;x\u0007such");
        assertThat(err.toString()).contains("no^[]0;x^Gsuch").doesNotContain("\u001b");
    }
}
