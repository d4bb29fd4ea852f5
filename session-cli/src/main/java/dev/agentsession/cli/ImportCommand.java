package dev.agentsession.cli;

import dev.agentsession.SessionService;
import dev.agentsession.portability.JsonlImport;
import dev.agentsession.portability.Progress;
import dev.agentsession.portability.SeedImport;
import dev.agentsession.portability.Summary;
import dev.agentsession.spi.SessionImport.OnExisting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Reads agent-session JSONL into a store. */
@Command(name = "import", description = {"Import agent-session JSONL into the store, all or nothing: the whole input is"
    + " checked first, and a bad line or (with --on-existing FAIL) a taken session id writes nothing.",
    "Run again with --on-existing SKIP after a store failure: it writes what is missing, and nothing once all is in."})
final class ImportCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Parameters(paramLabel = "FILE", defaultValue = "-", description = "the file to read, or - for standard input")
    String input;

    @Option(names = {"--on-existing", "--on-conflict"}, defaultValue = "FAIL",
            description = "what to do with a session id the store already has: ${COMPLETION-CANDIDATES}"
                    + " (default: ${DEFAULT-VALUE})")
    OnExisting onExisting;

    @Option(names = "--progress", description = "report progress on standard error even when it is not a terminal")
    boolean progress;

    @Option(names = "--seed-layout", description = "FILE is a SQLite file in the layout of the Python session store")
    boolean seedLayout;

    @Override
    public Integer call() throws IOException {
        try (SessionService service = store.open(StoreOptions.Access.CREATE)) {
            Progress bar = ProgressBar.on(System.err, "imported", progress);
            Summary summary;
            if (seedLayout) {
                summary = SeedImport.importFile(Path.of(input), service, onExisting);
            } else if (input.equals("-")) {
                // kept in a temporary file first (owner-only where the file system has permissions),
                // so standard input is all or nothing too
                Path copy = Files.createTempFile("session-cli-import", ".jsonl");
                try {
                    Files.copy(System.in, copy, StandardCopyOption.REPLACE_EXISTING);
                    summary = JsonlImport.importFile(copy, service, onExisting, bar);
                } finally {
                    Files.deleteIfExists(copy);
                }
            } else {
                summary = JsonlImport.importFile(Path.of(input), service, onExisting, bar);
            }
            ProgressBar.done(bar, "imported", summary);
        }
        return 0;
    }
}
