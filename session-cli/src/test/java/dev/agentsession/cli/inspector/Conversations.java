package dev.agentsession.cli.inspector;

import dev.agentsession.Action;
import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The conversations the inspector's tests look at. */
final class Conversations {

    static final String APP = "travel-bot";
    static final String USER = "alice";
    static final String TRIP = "kyoto-trip";
    static final String SCRIPT = "<script>window.injected = true;</script><b>not bold</b>";

    private Conversations() {
    }

    /**
     * Alice's trip: a question, an answer that called a weather tool (with reasoning, a state delta
     * and a long-running booking), a message holding markup, and a state key removed again.
     */
    static Session trip(SessionService store) {
        Session session = store.create(CreateRequest.builder(APP, USER, "planner").sessionId(TRIP)
                .metadata(Map.of("channel", "web", "locale", "en-GB")).state(Map.of("user:name", "Alice")).build());
        session.addEvent(AddEventOptions.builder("user").content("What's the weather in Kyoto tomorrow?")
                .invocationId("inv-1").build());
        session.addEvent(AddEventOptions.builder("planner").content("Light rain, 18 °C. Shall I book the ryokan?")
                .reasoning("The user wants a forecast: call the weather tool for Kyoto.")
                .invocationId("inv-1").agentId("planner").branch("planner.weather")
                .action(Action.of("get_forecast", new TreeMap<>(Map.of("city", "Kyoto", "days", 1)),
                        Map.of("conditions", "light rain", "temperature_c", 18)))
                .action(Action.of("book_ryokan", Map.of("nights", 2)))
                .longRunningToolIds(List.of("booking-77"))
                .stateDelta(Map.of("city", "Kyoto", "user:trips", 1)).build());
        session.addEvent(AddEventOptions.builder("user").content(SCRIPT).invocationId("inv-2").build());
        Map<String, Object> removal = new HashMap<>();
        removal.put("city", null);
        session.addEvent(AddEventOptions.builder("planner").content("Booked.").invocationId("inv-2")
                .stateDelta(removal).build());
        return session;
    }

    /** {@code count} further sessions of {@code user}, each with one event, made in order. */
    static void more(SessionService store, String app, String user, int count) {
        for (int i = 1; i <= count; i++) {
            Session session = store.create(CreateRequest.builder(app, user, "planner").sessionId(user + "-" + i).build());
            session.addEvent(AddEventOptions.of("user", "hello " + i));
        }
    }
}
