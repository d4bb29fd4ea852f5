package dev.agentsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.ListRequest;
import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import dev.agentsession.portability.ExportFilter;
import dev.agentsession.portability.JsonlExport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("session-cli import is all or nothing")
class ImportAllOrNothingTest {

    @TempDir
    Path folder;

    private List<String> lines;

    /** An export of three sessions of two events each, as lines. */
    @BeforeEach
    void export() throws Exception {
        try (SessionService source = SessionServices.open("memory:")) {
            for (String id : List.of("s1", "s2", "s3")) {
                source.create(CreateRequest.builder("app", "ann", "agent").sessionId(id).build())
                        .addEvent(AddEventOptions.of("user", "hello " + id));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            JsonlExport.export(source, ExportFilter.all(), out);
            lines = new ArrayList<>(out.toString(StandardCharsets.UTF_8).lines().toList());
        }
    }

    private Path file(List<String> content) throws Exception {
        Path file = Files.createTempFile(folder, "import", ".jsonl");
        Files.write(file, content);
        return file;
    }

    private int importing(String url, String... more) {
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of("import", "--url", url));
        args.addAll(List.of(more));
        return SessionCli.run(new PrintWriter(err, true), args.toArray(String[]::new));
    }

    private static List<String> sessions(String url) {
        try (SessionService store = SessionServices.open(url)) {
            return store.list(ListRequest.all("app", "ann")).stream().map(session -> session.id()).sorted().toList();
        }
    }

    @Test
    @DisplayName("a bad line after good sessions writes none of them")
    void badLineWritesNothing() throws Exception {
        String url = "sqlite:" + folder.resolve("a.db");
        List<String> broken = new ArrayList<>(lines);
        broken.add(broken.size() - 2, "{\"kind\": \"event\", \"not\": \"an event\"}");

        assertThat(importing(url, file(broken).toString())).isEqualTo(SessionCli.BAD_INPUT);

        assertThat(sessions(url)).isEmpty();
    }

    @Test
    @DisplayName("a taken session id, under FAIL, writes none of the file; from standard input too")
    void takenIdWritesNothing() throws Exception {
        String url = "sqlite:" + folder.resolve("b.db");
        try (SessionService store = SessionServices.open(url)) {
            store.create(CreateRequest.builder("app", "ann", "agent").sessionId("s3").build());
        }

        assertThat(importing(url, file(lines).toString())).isEqualTo(SessionCli.BAD_INPUT);
        assertThat(sessions(url)).containsExactly("s3");

        InputStream original = System.in;
        try {
            System.setIn(new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
            assertThat(importing(url, "-")).isEqualTo(SessionCli.BAD_INPUT);
        } finally {
            System.setIn(original);
        }
        assertThat(sessions(url)).containsExactly("s3");
    }

    @Test
    @DisplayName("the same import twice with --on-conflict skip writes nothing the second time")
    void secondImportIsANoOp() throws Exception {
        String url = "sqlite:" + folder.resolve("c.db");
        Path file = file(lines);
        assertThat(importing(url, file.toString())).isZero();
        byte[] stored = Files.readAllBytes(folder.resolve("c.db"));

        assertThat(importing(url, "--on-conflict", "skip", file.toString())).isZero();

        assertThat(sessions(url)).containsExactly("s1", "s2", "s3");
        try (SessionService store = SessionServices.open(url)) {
            assertThat(store.list(ListRequest.all("app", "ann"))).allSatisfy(session ->
                    assertThat(session.lastSequence()).isEqualTo(1));
        }
        assertThat(Files.readAllBytes(folder.resolve("c.db"))).isEqualTo(stored);
    }
}
