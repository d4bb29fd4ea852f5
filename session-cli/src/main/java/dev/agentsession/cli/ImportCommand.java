package dev.agentsession.cli;

import dev.agentsession.SessionService;
import dev.agentsession.portability.JsonlImport;
import dev.agentsession.portability.Progress;
import dev.agentsession.portability.SeedImport;
import dev.agentsession.portability.Summary;
import dev.agentsession.spi.SessionImport.OnExisting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Reads agent-session JSONL into a store. */
@Command(name = "import", description = "Import agent-session JSONL into the store, each session in one transaction.")
final class ImportCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Parameters(paramLabel = "FILE", defaultValue = "-", description = "the file to read, or - for standard input")
    String input;

    @Option(names = "--on-existing", defaultValue = "FAIL",
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
                summary = JsonlImport.importFrom(System.in, service, onExisting, bar);
            } else {
                try (InputStream in = Files.newInputStream(Path.of(input))) {
                    summary = JsonlImport.importFrom(in, service, onExisting, bar);
                }
            }
            ProgressBar.done(bar, "imported", summary);
        }
        return 0;
    }
}
