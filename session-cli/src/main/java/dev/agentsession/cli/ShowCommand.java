package dev.agentsession.cli;

import dev.agentsession.Action;
import dev.agentsession.Event;
import dev.agentsession.GetRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import dev.agentsession.cli.inspector.EventView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Shows one conversation. */
@Command(name = "show", description = "Show a conversation as readable text, or as JSON.")
final class ShowCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--app", required = true, description = "the session's app")
    String app;

    @Option(names = "--user", required = true, description = "the session's user")
    String user;

    @Parameters(paramLabel = "SESSION", description = "the session id")
    String sessionId;

    @Option(names = "--json", description = "print JSON (exact: JSON escapes every control character)")
    boolean json;

    @Mixin
    TextOutput output;

    @Override
    public Integer call() {
        try (SessionService service = store.open(StoreOptions.Access.READ)) {
            Session session = service.get(new GetRequest(app, user, sessionId)).orElseThrow(() ->
                    new IllegalArgumentException("no session '" + sessionId + "' of user '" + user + "' in app '" + app
                            + "'"));
            if (json) {
                Map<String, Object> shown = new LinkedHashMap<>();
                shown.put("app", app);
                shown.put("user", user);
                shown.put("id", session.id());
                shown.put("agent", session.agentId());
                shown.put("createdAt", session.createdAt().toString());
                shown.put("updatedAt", session.updatedAt().toString());
                shown.put("metadata", session.metadata());
                shown.put("state", session.state());
                List<Object> events = new ArrayList<>();
                try (Stream<Event> stream = session.streamEvents(0)) {
                    stream.forEach(event -> events.add(EventView.of(event)));
                }
                shown.put("events", events);
                Output.json(System.out, shown);
            } else {
                System.out.println(output.shown("Session " + session.id() + " (" + app + "/" + user + ", agent "
                        + session.agentId() + ", updated " + session.updatedAt() + ")"));
                try (Stream<Event> stream = session.streamEvents(0)) {
                    stream.forEach(this::print);
                }
            }
        }
        return 0;
    }

    private void print(Event event) {
        System.out.println(output.shown("#" + event.sequence() + " " + event.createdAt() + " " + event.author()
                + (event.content() == null ? "" : ": " + event.content())));
        if (event.reasoning() != null) {
            System.out.println(output.shown("    reasoning: " + event.reasoning()));
        }
        for (Action action : event.actions()) {
            System.out.println(output.shown("    tool " + action.toolName() + " " + action.input()
                    + (action.output() == null ? "" : " -> " + action.output())));
        }
        if (!event.stateDelta().isEmpty()) {
            System.out.println(output.shown("    state " + event.stateDelta()));
        }
    }
}
