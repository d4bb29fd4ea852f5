package dev.agentsession.cli;

import dev.agentsession.SessionService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Erases everything of one user in one app. */
@Command(name = "erase-user", description = "Erase a user's sessions, events and user state in an app, in one transaction.")
final class EraseUserCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--app", required = true, description = "the app")
    String app;

    @Option(names = "--user", required = true, description = "the user to erase")
    String user;

    @Option(names = "--yes", required = true, description = "confirms the erasure")
    boolean yes;

    @Override
    public Integer call() {
        try (SessionService service = store.open(StoreOptions.Access.WRITE)) {
            long deleted = service.deleteUser(app, user);
            System.out.println("erased user '" + user + "' of app '" + app + "': " + deleted + " sessions and their"
                    + " events, and the user's state");
        }
        return 0;
    }
}
