package dev.agentsession.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentsession.AddEventOptions;
import dev.agentsession.Event;
import dev.agentsession.Limits;
import dev.agentsession.internal.JsonValues;
import java.util.List;
import java.util.Map;

/**
 * What every framework's codec shares: a message's stored form and the window it completes kept
 * under one event metadata key, as {@code {"format": 1, "message": {…}, "window": [[…]]}}; control
 * events that only record a window; and the reading of tool arguments and results, which the
 * frameworks hand over as JSON text.
 *
 * @param <M> the framework's message type
 */
public abstract class StoredMessageCodec<M> implements MessageCodec<M> {

    /** The version of the layout under the metadata key. */
    public static final long FORMAT = 1;

    private static final String WINDOW_KIND = "window";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String metadataKey;
    private final String framework;

    /**
     * @param metadataKey the event metadata key holding the message, such as {@code springAi}
     * @param framework the framework's name, for error messages
     */
    protected StoredMessageCodec(String metadataKey, String framework) {
        this.metadataKey = metadataKey;
        this.framework = framework;
    }

    /**
     * @param callInputs the arguments of earlier tool calls by call id, for tool results
     * @return the event that stores the message, without its metadata (which this class adds)
     */
    protected abstract AddEventOptions.Builder eventOf(M message, Map<String, Map<String, Object>> callInputs);

    @Override
    public final AddEventOptions event(M message, Map<String, Object> form, Map<String, Map<String, Object>> callInputs,
            List<List<Long>> window) {
        return eventOf(message, callInputs)
                .metadata(Map.of(metadataKey, window == null ? Map.of("format", FORMAT, "message", form)
                        : Map.of("format", FORMAT, "message", form, "window", window)))
                .build();
    }

    @Override
    public final AddEventOptions windowEvent(List<List<Long>> window) {
        return AddEventOptions.builder("chat-memory")
                .metadata(Map.of(metadataKey, Map.of("format", FORMAT, "kind", WINDOW_KIND, "window", window)))
                .build();
    }

    @Override
    public final Object window(Event event) {
        return event.metadata().get(metadataKey) instanceof Map<?, ?> kept ? kept.get("window") : null;
    }

    @Override
    public final boolean isControl(Event event) {
        return event.metadata().get(metadataKey) instanceof Map<?, ?> kept && WINDOW_KIND.equals(kept.get("kind"));
    }

    /**
     * @throws IllegalStateException for an event written in a layout version this one does not know
     */
    @Override
    @SuppressWarnings("unchecked")
    public final Map<String, Object> storedForm(Event event) {
        if (!(event.metadata().get(metadataKey) instanceof Map<?, ?> kept)) {
            return Map.of();
        }
        if (!Long.valueOf(FORMAT).equals(kept.get("format"))) {
            throw new IllegalStateException("event " + event.sequence() + " of session '" + event.sessionId()
                    + "' was written in " + framework + " layout " + kept.get("format") + ", which this version does"
                    + " not know (it knows " + FORMAT + ")");
        }
        Object message = kept.get("message");
        return message instanceof Map<?, ?> form ? (Map<String, Object>) form : Map.of();
    }

    /** @return whether a tool name can be an action's name (a store name, exactly) */
    protected static boolean isToolName(String name) {
        return name != null && !name.isBlank() && name.length() <= Limits.MAX_NAME_LENGTH && name.indexOf('\u0000') < 0;
    }

    /** @return tool-call arguments as a JSON object; anything else under the key "arguments" */
    @SuppressWarnings("unchecked")
    protected static Map<String, Object> toolArguments(String arguments) {
        Object parsed = jsonOrText(arguments);
        if (parsed instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        return arguments == null ? Map.of() : Map.of("arguments", arguments);
    }

    /** @return a tool result as JSON data when it is JSON, otherwise the text itself */
    protected static Object jsonOrText(String text) {
        if (text == null || text.isBlank()) {
            return text;
        }
        try {
            return JsonValues.copyValue("result", JSON.readValue(text, Object.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return text;
        }
    }
}
