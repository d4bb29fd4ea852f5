package dev.agentsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.Action;
import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import dev.agentsession.conformance.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command of session-cli, run as a process against SQLite and PostgreSQL. */
class SessionCliTest {

    @TempDir
    Path folder;

    /** What a run printed and how it ended. */
    record Run(int code, String out, String err) {
    }

    private Run cli(String... args) throws IOException, InterruptedException {
        List<String> command = command(args);
        Path out = Files.createTempFile(folder, "out", ".txt");
        Path err = Files.createTempFile(folder, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("AGENTSESSION_URL");
        Process process = builder.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the command ends").isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** @return the command line that runs session-cli with these arguments on this JVM and class path */
    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SessionCli.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static void fill(String url) {
        try (SessionService store = SessionServices.open(url)) {
            for (String user : List.of("alice", "bob")) {
                for (int s = 1; s <= 2; s++) {
                    Session session = store.create(CreateRequest.builder("support-bot", user, "helper")
                            .sessionId(user + "-" + s).state(Map.of("user:name", user)).build());
                    session.addEvent(AddEventOptions.of("user", "Where is my parcel?"));
                    session.addEvent(AddEventOptions.builder("helper").content("It is in Kyoto.")
                            .reasoning("looked it up").action(Action.of("track", Map.of("order", "A-17"),
                                    Map.of("city", "Kyoto"))).build());
                }
            }
        }
    }

    private void everyCommand(String url, String otherUrl, String thirdUrl, boolean sqlite) throws Exception {
        fill(url);

        Run stats = cli("stats", "--url", url, "--json");
        assertThat(stats.code()).isZero();
        assertThat(stats.out()).contains("\"sessions\" : 4").contains("\"events\" : 8").contains("\"users\" : 2");

        Run list = cli("list", "--url", url, "--app", "support-bot", "--user", "alice");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("support-bot/alice/alice-1").contains("2 events");

        Run show = cli("show", "--url", url, "--app", "support-bot", "--user", "bob", "bob-2");
        assertThat(show.code()).isZero();
        assertThat(show.out()).contains("#1 ").contains("user: Where is my parcel?")
                .contains("tool track {order=A-17} -> {city=Kyoto}").contains("reasoning: looked it up");
        assertThat(cli("show", "--url", url, "--app", "support-bot", "--user", "bob", "bob-2", "--json").out())
                .contains("\"toolName\" : \"track\"");

        Path file = folder.resolve("store.jsonl");
        Run export = cli("export", "--url", url, "-o", file.toString(), "--progress");
        assertThat(export.code()).isZero();
        assertThat(export.err()).contains("exported 4 sessions, 8 events").contains("\r");
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8).get(0)).contains("agent-session");

        Run imported = cli("import", "--url", otherUrl, file.toString());
        assertThat(imported.code()).isZero();
        assertThat(imported.err()).contains("imported 4 sessions, 8 events");
        assertThat(cli("import", "--url", otherUrl, file.toString()).code()).isEqualTo(SessionCli.BAD_INPUT);
        assertThat(cli("import", "--url", otherUrl, "--on-existing", "SKIP", file.toString()).err())
                .contains("skipped 4");
        assertThat(cli("stats", "--url", otherUrl, "--json").out()).contains("\"events\" : 8");

        Run copy = cli("copy", "--url", url, "--to", thirdUrl, "--app", "support-bot", "--user", "alice");
        assertThat(copy.code()).isZero();
        assertThat(copy.err()).contains("copied 2 sessions, 4 events");

        Run doctor = cli("doctor", "--url", url);
        assertThat(doctor.code()).isZero();
        // the newest schema: SQLite's 5 and PostgreSQL's 4 keep each state key's entry bytes
        assertThat(doctor.out()).contains("schemaVersion: " + (sqlite ? 5 : 4)).contains("problems: []");
        if (sqlite) {
            assertThat(doctor.out()).contains("integrityCheck: ok").contains("journal_mode=wal");
            Path backup = folder.resolve("backup.db");
            assertThat(cli("backup", "--url", url, "--to", backup.toString()).code()).isZero();
            assertThat(cli("stats", "--url", "sqlite:" + backup).out()).contains("sessions: 4");
        } else {
            Run backup = cli("backup", "--url", url, "--to", folder.resolve("x.db").toString());
            assertThat(backup.code()).isEqualTo(SessionCli.BAD_INPUT);
            assertThat(backup.err()).contains("backup is for SQLite stores");
        }

        Thread.sleep(1_100); // not a timing assert: the sessions must be a second old to be pruned by age
        Run dryRun = cli("prune", "--url", url, "--older-than", "1s");
        assertThat(dryRun.out()).contains("4 sessions").contains("would be deleted");
        assertThat(cli("stats", "--url", url).out()).contains("sessions: 4");
        assertThat(cli("erase-user", "--url", url, "--app", "support-bot", "--user", "bob", "--yes").out())
                .contains("2 sessions");
        assertThat(cli("prune", "--url", url, "--older-than", "1s", "--yes").out()).contains("2 sessions");
        assertThat(cli("stats", "--url", url).out()).contains("sessions: 0");
    }

    @Test
    @DisplayName("every command on SQLite files")
    void sqlite() throws Exception {
        everyCommand("sqlite:" + folder.resolve("a.db"), "sqlite:" + folder.resolve("b.db"),
                "sqlite:" + folder.resolve("c.db"), true);
    }

    @Test
    @DisplayName("every command on PostgreSQL")
    void postgres() throws Exception {
        everyCommand(TestDatabase.POSTGRES.freshStoreUrl(() -> null), TestDatabase.POSTGRES.freshStoreUrl(() -> null),
                TestDatabase.POSTGRES.freshStoreUrl(() -> null), false);
    }

    @Test
    @DisplayName("bad arguments and unreachable stores give one clear line and a non-zero code, never a password")
    void failures() throws Exception {
        Run noUrl = cli("list");
        assertThat(noUrl.code()).isEqualTo(SessionCli.BAD_INPUT);
        assertThat(noUrl.err().strip()).isEqualTo("session-cli: no store: give --url or set AGENTSESSION_URL");

        Run unknown = cli("list", "--url", "redis://localhost");
        assertThat(unknown.code()).isEqualTo(SessionCli.BAD_INPUT);
        assertThat(unknown.err().lines()).hasSize(1);

        Run unreachable = cli("stats", "--url", "jdbc:postgresql://127.0.0.1:1/none?user=u&password=hunter2&connectTimeout=2");
        assertThat(unreachable.code()).isEqualTo(SessionCli.FAILED);
        assertThat(unreachable.err()).startsWith("session-cli: ").doesNotContain("hunter2");

        Run badDuration = cli("prune", "--url", "sqlite:" + folder.resolve("d.db"), "--older-than", "soon");
        assertThat(badDuration.code()).isEqualTo(SessionCli.BAD_INPUT);
        assertThat(badDuration.err()).contains("is not a duration");

        Path garbage = folder.resolve("garbage.jsonl");
        Files.writeString(garbage, "not json\n");
        Run badImport = cli("import", "--url", "sqlite:" + folder.resolve("e.db"), garbage.toString());
        assertThat(badImport.code()).isEqualTo(SessionCli.BAD_INPUT);
        assertThat(badImport.err()).contains("line 1");

        assertThat(cli("erase-user", "--url", "sqlite:" + folder.resolve("f.db"), "--app", "a", "--user", "u").code())
                .as("erase-user without --yes is refused by the parser").isEqualTo(2);
    }
}
