package dev.agentsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code session-cli serve} as a person starts it: the printed link, the token, the refusals. */
class ServeCommandTest {

    @TempDir
    Path folder;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private Process start(String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(SessionCliTest.command(args)).redirectErrorStream(true);
        builder.environment().remove("AGENTSESSION_URL");
        builder.environment().remove("AGENTSESSION_INSPECTOR_TOKEN");
        return builder.start();
    }

    /** Reads what the server prints until the line holding the link, for at most a minute. */
    private static List<String> untilLink(Process process) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        CompletableFuture<List<String>> read = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                    if (line.startsWith("read-only")) {
                        break;
                    }
                }
                return lines;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return read.get(60, TimeUnit.SECONDS);
    }

    /** What a test checks while the server runs, given the lines it printed up to its link. */
    @FunctionalInterface
    private interface WhileServing {
        void check(List<String> printed) throws Exception;
    }

    /** Starts serve with these arguments, checks, then stops it with SIGTERM, as Ctrl+C does, and sees it end. */
    private void serving(List<String> args, WhileServing check) throws Exception {
        Process server = start(args.toArray(String[]::new));
        try {
            check.check(untilLink(server));
        } finally {
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
        }
    }

    private static String linkIn(List<String> lines) {
        return lines.stream().filter(line -> line.startsWith("open this link")).findFirst()
                .map(line -> line.substring(line.indexOf("http://"))).orElseThrow(() ->
                        new AssertionError("no link printed: " + lines));
    }

    @Test
    @DisplayName("serve prints a loopback link with a random token; requests without it are refused, with it answered")
    void servesWithATokenOnLoopback() throws Exception {
        String url = "sqlite:" + folder.resolve("store.db");
        try (SessionService store = SessionServices.open(url)) {
            store.create(CreateRequest.of("support-bot", "alice", "helper")).addEvent(AddEventOptions.of("user", "hi"));
        }
        serving(List.of("serve", "--url", url, "--port", "0"), printed -> {
            URI link = URI.create(linkIn(printed));
            assertThat(link.getHost()).isEqualTo("127.0.0.1");
            assertThat(link.getQuery()).matches("token=[A-Za-z0-9_-]{43}");
            URI apps = link.resolve("/api/apps");

            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(apps).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            HttpResponse<String> answered = http.send(HttpRequest.newBuilder(apps)
                    .header("Authorization", "Bearer " + link.getQuery().substring("token=".length())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answered.statusCode()).isEqualTo(200);
            assertThat(answered.body()).isEqualTo("{\"offset\":0,\"limit\":100,\"more\":false,\"apps\":[\"support-bot\"]}");
        });
        assertThat(Files.exists(folder.resolve("store.db"))).isTrue();
    }

    @Test
    @DisplayName("binding beyond loopback needs --allow-remote; a short token is refused; both before anything starts")
    void refusesUnsafeSettings() throws Exception {
        String url = "sqlite:" + folder.resolve("store.db");
        Process remote = start("serve", "--url", url, "--port", "0", "--bind", "0.0.0.0");
        assertThat(remote.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(remote.exitValue()).isEqualTo(SessionCli.BAD_INPUT);
        assertThat(new String(remote.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("--bind 0.0.0.0 would let other machines reach the page: add --allow-remote");

        Process weak = start("serve", "--url", url, "--port", "0", "--token", "short");
        assertThat(weak.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(weak.exitValue()).isEqualTo(SessionCli.BAD_INPUT);
        assertThat(new String(weak.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("the access token must have at least 16 characters");
        assertThat(Files.exists(folder.resolve("store.db"))).as("nothing was opened").isFalse();
    }

    @Test
    @DisplayName("with --allow-remote the server listens on every address and still wants the token")
    void remoteStillNeedsTheToken() throws Exception {
        String url = "sqlite:" + folder.resolve("store.db");
        try (SessionService store = SessionServices.open(url)) {
            store.create(CreateRequest.of("support-bot", "alice", "helper")).addEvent(AddEventOptions.of("user", "hi"));
        }
        serving(List.of("serve", "--url", url, "--port", "0", "--bind", "0.0.0.0", "--allow-remote",
                "--token", "a-token-chosen-by-the-user"), printed -> {
            assertThat(printed).anyMatch(line -> line.startsWith("warning: listening on 0.0.0.0 over plain HTTP"));
            URI link = URI.create(linkIn(printed));
            assertThat(link.getQuery()).isEqualTo("token=a-token-chosen-by-the-user");
            assertThat(http.send(HttpRequest.newBuilder(link.resolve("/api/apps")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        });
    }
}
