package dev.agentsession.examples.adk;

import com.google.adk.agents.LlmAgent;
import com.google.adk.events.Event;
import com.google.adk.runner.Runner;
import com.google.adk.sessions.Session;
import com.google.adk.tools.FunctionTool;
import com.google.genai.types.Content;
import com.google.genai.types.Part;
import dev.agentsession.Action;
import dev.agentsession.DataPaths;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import dev.agentsession.adk.AdkSessionService;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Google ADK agent with a function tool whose conversation lives in an agent-session store.
 * The first run asks for the weather (the model calls the tool, then answers); every later run
 * on the same store resumes the conversation, and the model's answer shows it saw the history.
 * Each run prints the stored conversation as the store holds it, readable without ADK.
 *
 * <p>The store is chosen by the first argument, else by {@code AGENTSESSION_URL}, else it is the
 * SQLite file {@code DataPaths.databaseFile("agent-session-adk-demo", "sessions.db")}. An
 * argument may be a store URL or a plain file path. The model is scripted: no API key.
 */
public final class AdkWeatherAgent {

    static final String APP = "weather-app";
    static final String USER = "ada";
    static final String SESSION = "kyoto-trip";

    private AdkWeatherAgent() {
    }

    /** Takes one turn of the conversation; see the class description for the arguments. */
    public static void main(String[] args) {
        String target = args.length > 0 ? args[0] : System.getenv("AGENTSESSION_URL");
        run(target, new PrintStream(System.out, true, StandardCharsets.UTF_8));
    }

    /** Takes one turn against {@code target} (a URL, a path, or null for the default file). */
    static void run(String target, PrintStream out) {
        String url = storeUrl(target);
        try (SessionService store = SessionServices.open(url)) {
            out.println("Store: " + store);
            AdkSessionService sessions = AdkSessionService.over(store);
            LlmAgent agent = LlmAgent.builder()
                    .name("weather_agent")
                    .model(new ScriptedWeatherModel())
                    .instruction("Answer questions about the weather; use the getWeather tool.")
                    .tools(FunctionTool.create(WeatherTool.class, "getWeather"))
                    .build();
            Runner runner = Runner.builder().agent(agent).appName(APP).sessionService(sessions).build();

            Session existing = sessions.getSession(APP, USER, SESSION, Optional.empty()).blockingGet();
            String question;
            if (existing == null) {
                sessions.createSession(APP, USER, Map.of("user:name", "Ada"), SESSION).blockingGet();
                question = "What is the weather in Kyoto?";
            } else {
                out.println("Resuming session " + SESSION + " with " + existing.events().size() + " events");
                question = "Thank you! How many questions have I asked?";
            }
            out.println("user> " + question);
            List<Event> replies = runner.runAsync(USER, SESSION,
                    Content.builder().role("user").parts(List.of(Part.fromText(question))).build()).toList().blockingGet();
            for (Event reply : replies) {
                out.println(reply.author() + "> " + describe(reply));
            }

            out.println();
            out.println("The stored conversation, as the store keeps it:");
            dev.agentsession.Session stored = store.get(new GetRequest(APP, USER, SESSION)).orElseThrow();
            for (dev.agentsession.Event event : stored.events(EventsOptions.all())) {
                StringBuilder line = new StringBuilder().append(event.sequence()).append(". ").append(event.author());
                if (event.content() != null) {
                    line.append(": ").append(event.content());
                }
                for (Action action : event.actions()) {
                    line.append(" [tool ").append(action.toolName()).append(' ').append(action.input());
                    if (action.output() != null) {
                        line.append(" -> ").append(action.output());
                    }
                    line.append(']');
                }
                out.println(line);
            }
            out.println("State: " + new TreeMap<>(stored.state()));
        }
    }

    private static String describe(Event reply) {
        if (!reply.functionCalls().isEmpty()) {
            return "(calls " + reply.functionCalls().get(0).name().orElse("?") + " "
                    + reply.functionCalls().get(0).args().orElse(Map.of()) + ")";
        }
        if (!reply.functionResponses().isEmpty()) {
            return "(" + reply.functionResponses().get(0).name().orElse("?") + " returns "
                    + reply.functionResponses().get(0).response().orElse(Map.of()) + ")";
        }
        return reply.stringifyContent();
    }

    private static String storeUrl(String target) {
        if (target == null || target.isBlank()) {
            return "sqlite:" + DataPaths.databaseFile("agent-session-adk-demo", "sessions.db");
        }
        return target.contains(":") && !Path.of(target).isAbsolute() ? target : "sqlite:" + target;
    }
}
