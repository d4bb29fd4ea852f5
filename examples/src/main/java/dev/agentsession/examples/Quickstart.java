package dev.agentsession.examples;

import dev.agentsession.Action;
import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.DataPaths;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import dev.agentsession.sqlite.SqliteSessionService;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A walk through the library: open a store, hold a short conversation with a tool call, read it
 * back, list, back up, and clean up.
 *
 * <p>The store is chosen by the first argument, else by the environment variable
 * {@code AGENTSESSION_URL}, else it is the SQLite file
 * {@code DataPaths.databaseFile("agent-session-demo", "sessions.db")}. An argument may be a store
 * URL ({@code memory:}, {@code sqlite:/path}, {@code jdbc:postgresql://…}) or a plain file path.
 */
public final class Quickstart {

    static final String APP = "agent-session-demo";
    static final String USER = "alice";

    private Quickstart() {
    }

    /** Runs the walkthrough; see the class description for the arguments. */
    public static void main(String[] args) throws Exception {
        String target = args.length > 0 ? args[0] : System.getenv("AGENTSESSION_URL");
        run(target, new PrintStream(System.out, true, StandardCharsets.UTF_8));
    }

    /** Runs the walkthrough against {@code target} (a URL, a path, or null for the default file). */
    static void run(String target, PrintStream out) throws Exception {
        String url = storeUrl(target);
        Instant startOfRun = Instant.now();

        try (SessionService store = SessionServices.open(url)) {
            out.println("Store: " + store);  // every store describes itself without its password
            // 1. A session for one user of one app, with metadata.
            Session session = store.create(CreateRequest.builder(APP, USER, "travel-agent")
                    .metadata(Map.of("topic", "trip to Kyoto", "locale", "en-GB", "priority", 2))
                    .build());
            out.println("Created session " + session.id() + " at " + session.createdAt());

            // 2. A user turn, then an assistant turn with reasoning and a tool call.
            session.addEvent(AddEventOptions.of("user", "What's the weather in Kyoto tomorrow? 🌦"));
            session.addEvent(AddEventOptions.builder("travel-agent")
                    .content("Tomorrow in Kyoto: 18 °C and light rain. Take an umbrella ☂")
                    .reasoning("The user wants a forecast; call the weather tool for Kyoto, then summarise.")
                    .action(Action.of("get_forecast", Map.of("city", "Kyoto", "days", 1),
                            Map.of("temperature_c", 18.0, "conditions", "light rain")))
                    .invocationId("inv-1")
                    .stateDelta(Map.of("city", "Kyoto", "user:forecasts_asked", 1, "temp:raw_forecast", "18C rain"))
                    .build());
            session.addEvent(AddEventOptions.of("user", "Thanks!"));

            // 3. The whole history, then only the last two events.
            out.println("History:");
            for (Event event : session.events(EventsOptions.all())) {
                out.println("  " + describe(event));
            }
            out.println("Last 2:");
            for (Event event : session.events(EventsOptions.last(2))) {
                out.println("  " + describe(event));
            }

            // 4. The user's sessions, newest first, and one read back by id.
            List<Session> sessions = store.list(ListRequest.all(APP, USER));
            out.println(USER + " has " + sessions.size() + " session(s); newest: " + sessions.get(0).id());
            Session again = store.get(new GetRequest(APP, USER, session.id())).orElseThrow();
            out.println("Read back " + again.id() + ": metadata " + again.metadata() + ", updated " + again.updatedAt());
            out.println("State: " + new TreeMap<>(again.state()) + " (last sequence " + again.lastSequence() + ")");

            // 5. A backup, where the store is a file.
            if (store instanceof SqliteSessionService sqlite) {
                Path backup = sqlite.path().resolveSibling(sqlite.path().getFileName() + ".backup");
                Files.deleteIfExists(backup);
                out.println("Backed up to " + sqlite.backup(backup));
            }

            // 6. Cleanup: sessions of this app not touched since this run started (earlier runs).
            long deleted = store.deleteSessionsUpdatedBefore(startOfRun.truncatedTo(ChronoUnit.MICROS), APP, null);
            out.println("Deleted " + deleted + " session(s) from earlier runs");

            if (store instanceof SqliteSessionService sqlite) {
                out.println("The database file is " + sqlite.path());
            }
        }
    }

    static String storeUrl(String target) {
        if (target == null || target.isBlank()) {
            return "sqlite:" + DataPaths.databaseFile(APP, "sessions.db");
        }
        return target.contains(":") && !Path.of(target).isAbsolute() ? target : "sqlite:" + target;
    }

    private static String describe(Event event) {
        StringBuilder line = new StringBuilder("#" + event.sequence() + " " + event.author() + ": " + event.content());
        if (event.reasoning() != null) {
            line.append("\n      reasoning: ").append(event.reasoning());
        }
        for (Action action : event.actions()) {
            line.append("\n      tool ").append(action.toolName()).append(action.input())
                    .append(" -> ").append(action.output());
        }
        return line.toString();
    }
}
