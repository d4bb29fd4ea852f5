package dev.agentsession.adk;

import com.google.adk.tools.Annotations.Schema;
import com.google.adk.tools.ToolContext;
import java.util.Map;

/** The function tool of the Runner tests (public: ADK calls it by reflection). */
public final class WeatherTools {

    private WeatherTools() {
    }

    /** Stands for a client object the tool keeps for the rest of the invocation; it has no JSON form. */
    static final class HttpClientStandIn {
    }

    /**
     * Looks the weather up and remembers the city in the session's state and the lookups in the
     * user's; keeps a client object under {@code temp:} for the rest of the invocation.
     */
    public static Map<String, Object> getWeather(
            @Schema(name = "city", description = "the city to look up") String city,
            @Schema(name = "toolContext") ToolContext toolContext) {
        // a live object of the invocation, as temp: keys hold: never written as JSON
        toolContext.state().put("temp:http_client", new HttpClientStandIn());
        toolContext.state().put("last_city", city);
        toolContext.state().put("user:lookups", 1);
        return Map.of("forecast", "sunny", "celsius", 24);
    }
}
