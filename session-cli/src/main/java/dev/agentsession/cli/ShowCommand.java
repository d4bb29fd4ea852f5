package dev.agentsession.cli;

import dev.agentsession.Action;
import dev.agentsession.Event;
import dev.agentsession.GetRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
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

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() {
        try (SessionService service = store.open(false)) {
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
                    stream.forEach(event -> events.add(eventJson(event)));
                }
                shown.put("events", events);
                Output.json(System.out, shown);
            } else {
                System.out.println("Session " + session.id() + " (" + app + "/" + user + ", agent " + session.agentId()
                        + ", updated " + session.updatedAt() + ")");
                try (Stream<Event> stream = session.streamEvents(0)) {
                    stream.forEach(ShowCommand::print);
                }
            }
        }
        return 0;
    }

    private static void print(Event event) {
        System.out.println("#" + event.sequence() + " " + event.createdAt() + " " + event.author()
                + (event.content() == null ? "" : ": " + event.content()));
        if (event.reasoning() != null) {
            System.out.println("    reasoning: " + event.reasoning());
        }
        for (Action action : event.actions()) {
            System.out.println("    tool " + action.toolName() + " " + action.input()
                    + (action.output() == null ? "" : " -> " + action.output()));
        }
        if (!event.stateDelta().isEmpty()) {
            System.out.println("    state " + event.stateDelta());
        }
    }

    private static Map<String, Object> eventJson(Event event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sequence", event.sequence());
        json.put("id", event.id());
        json.put("createdAt", event.createdAt().toString());
        json.put("author", event.author());
        json.put("content", event.content());
        json.put("reasoning", event.reasoning());
        List<Object> actions = new ArrayList<>();
        for (Action action : event.actions()) {
            Map<String, Object> written = new LinkedHashMap<>();
            written.put("toolName", action.toolName());
            written.put("input", action.input());
            written.put("output", action.output());
            actions.add(written);
        }
        json.put("actions", actions);
        json.put("stateDelta", event.stateDelta());
        json.put("metadata", event.metadata());
        return json;
    }
}
