package dev.agentsession.cli;

import dev.agentsession.SessionService;
import dev.agentsession.portability.JsonlExport;
import dev.agentsession.portability.Progress;
import dev.agentsession.portability.Summary;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Writes a store, or part of it, as agent-session JSONL. */
@Command(name = "export", description = "Export the store (or an app, a user, a session) as agent-session JSONL.")
final class ExportCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Mixin
    ScopeOptions scope;

    @Option(names = {"-o", "--output"}, defaultValue = "-", description = "the file to write, or - for standard output")
    String output;

    @Option(names = "--progress", description = "report progress on standard error even when it is not a terminal")
    boolean progress;

    @Override
    public Integer call() throws IOException {
        try (SessionService service = store.open(StoreOptions.Access.READ)) {
            Progress bar = ProgressBar.on(System.err, "exported", progress);
            Summary summary;
            if (output.equals("-")) {
                summary = JsonlExport.export(service, scope.filter(), System.out, bar);
            } else {
                try (OutputStream out = Files.newOutputStream(Path.of(output))) {
                    summary = JsonlExport.export(service, scope.filter(), out, bar);
                }
            }
            ProgressBar.done(bar, "exported", summary);
        }
        return 0;
    }
}
