package dev.agentsession.cli;

import dev.agentsession.SessionService;
import dev.agentsession.portability.Progress;
import dev.agentsession.portability.StoreCopy;
import dev.agentsession.portability.Summary;
import dev.agentsession.spi.SessionImport.OnExisting;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Copies between two stores. */
@Command(name = "copy", description = "Copy a store (or an app, a user, a session) into another store, any backend to any.")
final class CopyCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--to", required = true, description = "the target store URL (credentials in the URL)")
    String to;

    @Mixin
    ScopeOptions scope;

    @Option(names = "--on-existing", defaultValue = "FAIL",
            description = "what to do with a session id the target already has: ${COMPLETION-CANDIDATES}"
                    + " (default: ${DEFAULT-VALUE})")
    OnExisting onExisting;

    @Option(names = "--progress", description = "report progress on standard error even when it is not a terminal")
    boolean progress;

    @Override
    public Integer call() {
        try (SessionService from = store.open(StoreOptions.Access.READ); SessionService target = StoreOptions.openOther(to)) {
            Progress bar = ProgressBar.on(System.err, "copied", progress);
            Summary summary = StoreCopy.copy(from, target, scope.filter(), onExisting, bar);
            ProgressBar.done(bar, "copied", summary);
        }
        return 0;
    }
}
