package dev.agentsession.cli;

import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import dev.agentsession.spi.StoreCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Lists sessions, newest first within each (app, user). */
@Command(name = "list", description = "List sessions: every app and user, or one app, or one user.")
final class ListCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--app", description = "only this app")
    String app;

    @Option(names = "--user", description = "only this user (with --app)")
    String user;

    @Option(names = "--json", description = "print JSON (exact: JSON escapes every control character)")
    boolean json;

    @Mixin
    TextOutput output;

    @Override
    public Integer call() {
        if (user != null && app == null) {
            throw new IllegalArgumentException("--user needs --app");
        }
        try (SessionService service = store.open(StoreOptions.Access.READ)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (StoreCatalog.Scope scope : scopes(service, app, user)) {
                for (Session session : service.list(ListRequest.all(scope.appName(), scope.userId()))) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("app", session.appName());
                    row.put("user", session.userId());
                    row.put("id", session.id());
                    row.put("agent", session.agentId());
                    row.put("updatedAt", session.updatedAt().toString());
                    row.put("events", session.lastSequence());
                    rows.add(row);
                }
            }
            if (json) {
                Output.json(System.out, rows);
            } else {
                rows.forEach(row -> {
                    String line = row.get("app") + "/" + row.get("user") + "/" + row.get("id") + "  " + row.get("updatedAt")
                            + "  " + row.get("events") + " events";
                    System.out.println(output.shown(line));
                });
            }
        }
        return 0;
    }

    /** The scopes a command covers: the one given, or every one of an app, or every one. */
    static List<StoreCatalog.Scope> scopes(SessionService service, String app, String user) {
        if (app != null && user != null) {
            return List.of(new StoreCatalog.Scope(app, user));
        }
        if (!(service instanceof StoreCatalog catalog)) {
            throw new IllegalArgumentException(service + " cannot list its apps and users: give --app and --user");
        }
        return catalog.scopes(app);
    }
}
