package dev.agentsession.cli;

import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import dev.agentsession.spi.StoreCatalog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Counts what a store holds. */
@Command(name = "stats", description = "Count apps, users, sessions and events.")
final class StatsCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--app", description = "only this app")
    String app;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() {
        try (SessionService service = store.open(StoreOptions.Access.READ)) {
            long apps = 0;
            long users = 0;
            long sessions = 0;
            long events = 0;
            if (service instanceof StoreCatalog catalog) {
                apps = app == null ? catalog.appNames().size() : 1;
            }
            for (StoreCatalog.Scope scope : ListCommand.scopes(service, app, null)) {
                users++;
                for (Session session : service.list(ListRequest.all(scope.appName(), scope.userId()))) {
                    sessions++;
                    events += session.lastSequence();
                }
            }
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("store", service.toString());
            stats.put("apps", apps);
            stats.put("users", users);
            stats.put("sessions", sessions);
            stats.put("events", events);
            if (json) {
                Output.json(System.out, stats);
            } else {
                stats.forEach((key, value) -> System.out.println(key + ": " + value));
            }
        }
        return 0;
    }
}
