package dev.agentsession.examples.adk;

import com.google.adk.tools.Annotations.Schema;
import com.google.adk.tools.ToolContext;
import java.util.Map;

/** The agent's function tool. */
public final class WeatherTool {

    private WeatherTool() {
    }

    /**
     * Looks up the weather (a fixed forecast: this is an example) and remembers the city in the
     * session's state.
     *
     * @param city the city to look up
     * @param toolContext ADK's context of the call
     * @return the forecast
     */
    @Schema(description = "Returns the current weather of a city.")
    public static Map<String, Object> getWeather(
            @Schema(name = "city", description = "the city to look up") String city,
            @Schema(name = "toolContext") ToolContext toolContext) {
        toolContext.state().put("last_city", city);
        return Map.of("city", city, "forecast", "sunny", "celsius", 21);
    }
}
