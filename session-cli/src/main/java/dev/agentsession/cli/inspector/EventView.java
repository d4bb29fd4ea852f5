package dev.agentsession.cli.inspector;

import dev.agentsession.Action;
import dev.agentsession.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An event as the inspector's API and {@code session-cli show --json} write it. */
public final class EventView {

    private EventView() {
    }

    /**
     * @param event a stored event
     * @return its fields as JSON-shaped values, in a stable order; times as ISO-8601 UTC text
     */
    public static Map<String, Object> of(Event event) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("sequence", event.sequence());
        view.put("id", event.id());
        view.put("createdAt", event.createdAt().toString());
        view.put("author", event.author());
        view.put("agent", event.agentId());
        view.put("invocationId", event.invocationId());
        view.put("branch", event.branch());
        view.put("content", event.content());
        view.put("reasoning", event.reasoning());
        List<Map<String, Object>> actions = new ArrayList<>();
        for (Action action : event.actions()) {
            Map<String, Object> written = new LinkedHashMap<>();
            written.put("toolName", action.toolName());
            written.put("input", action.input());
            written.put("output", action.output());
            actions.add(written);
        }
        view.put("actions", actions);
        view.put("longRunningToolIds", event.longRunningToolIds());
        view.put("stateDelta", event.stateDelta());
        view.put("metadata", event.metadata());
        return view;
    }
}
