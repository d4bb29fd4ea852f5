package dev.agentsession.examples.adk;

import com.google.adk.models.BaseLlm;
import com.google.adk.models.BaseLlmConnection;
import com.google.adk.models.LlmRequest;
import com.google.adk.models.LlmResponse;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionResponse;
import com.google.genai.types.Part;
import io.reactivex.rxjava3.core.Flowable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model that needs no API key: it answers from the request ADK builds, which holds the whole
 * stored conversation. "weather in X" calls the weather tool; a tool result becomes the answer;
 * anything else is answered from the history it was sent.
 */
public final class ScriptedWeatherModel extends BaseLlm {

    private static final Pattern WEATHER = Pattern.compile("weather in ([\\p{L} ]+)", Pattern.CASE_INSENSITIVE);

    /** A scripted model. */
    public ScriptedWeatherModel() {
        super("scripted-weather-model");
    }

    @Override
    public Flowable<LlmResponse> generateContent(LlmRequest request, boolean stream) {
        List<Content> contents = request.contents();
        Content last = contents.get(contents.size() - 1);
        Part part = last.parts().orElse(List.of()).get(0);
        if (part.functionResponse().isPresent()) {
            return reply(Part.fromText(answer(part.functionResponse().get())));
        }
        String asked = part.text().orElse("");
        Matcher weather = WEATHER.matcher(asked);
        if (weather.find()) {
            String city = weather.group(1).trim();
            return reply(Part.builder().functionCall(FunctionCall.builder().id("call-" + UUID.randomUUID())
                    .name("getWeather").args(Map.of("city", city)).build()).build());
        }
        long questions = contents.stream()
                .filter(content -> content.role().orElse("").equals("user"))
                .filter(content -> content.parts().orElse(List.of()).stream().anyMatch(p -> p.text().isPresent()))
                .count();
        return reply(Part.fromText("You are welcome. You have asked me " + questions
                + " questions in this conversation, counting this one."));
    }

    private static String answer(FunctionResponse response) {
        Map<String, Object> result = response.response().orElse(Map.of());
        return String.format(Locale.ROOT, "It is %s in %s, %s degrees.", result.get("forecast"), result.get("city"),
                result.get("celsius"));
    }

    private static Flowable<LlmResponse> reply(Part part) {
        return Flowable.just(LlmResponse.builder()
                .content(Content.builder().role("model").parts(List.of(part)).build())
                .build());
    }

    @Override
    public BaseLlmConnection connect(LlmRequest request) {
        throw new UnsupportedOperationException("the scripted model has no live connection");
    }
}
