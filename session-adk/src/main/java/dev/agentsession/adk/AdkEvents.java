package dev.agentsession.adk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.adk.events.Event;
import com.google.adk.sessions.SessionException;
import com.google.adk.sessions.State;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionResponse;
import com.google.genai.types.Part;
import dev.agentsession.Action;
import dev.agentsession.AddEventOptions;
import dev.agentsession.Limits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps ADK events to stored events and back, losslessly.
 *
 * <p>The stored event stays readable without ADK: the author, the text parts as
 * {@code content}, the thought parts as {@code reasoning}, each function call and each function
 * response as an {@link Action}, the invocation id, the branch, the long-running tool ids and the
 * state delta live in the store's own fields. Everything else ADK's mapper writes for the event
 * is kept under the metadata key {@value #METADATA_KEY}, without the parts the store's fields
 * already hold; reading merges both and lets ADK's mapper build the event again.
 */
final class AdkEvents {

    /** The metadata key holding the ADK fields the store has no column for. */
    static final String METADATA_KEY = "adk";
    /**
     * The version of the layout under {@link #METADATA_KEY}: 2 keeps a function call's arguments
     * and a function response's response only in the store's actions; 1 (still read) kept them in
     * both.
     */
    static final int FORMAT = 2;

    /** Marks a function call whose arguments are the input of the action at this index. */
    private static final String ARGS_IN = "argsInAction";
    /** Marks a function response whose response is the output of the action at this index. */
    private static final String RESPONSE_IN = "responseInAction";

    /** Marks a part whose text was moved to a store field; its value names the field. */
    private static final String TEXT_IN = "textIn";
    private static final String CONTENT = "content";
    private static final String REASONING = "reasoning";

    /** How many of the caller's latest events are searched for the call a function response answers. */
    private static final int CALL_SEARCH_DEPTH = 50;

    private AdkEvents() {
    }

    /**
     * The store's form of an ADK event.
     *
     * @param event the ADK event; its id is set first when it has none
     * @param earlier the events the caller's session already holds, to give a function response
     *     the input of its call
     * @param expectedLastSequence the sequence the session must be at, or null for no check
     */
    static AddEventOptions toStore(Event event, List<Event> earlier, Long expectedLastSequence) {
        // the delta is stored in its own field, without temp: keys, whose values may be any object
        ObjectNode blob = AdkJson.mapper().valueToTree(withoutStateDelta(event));
        blob.remove("id");
        if (blob.get("actions") instanceof ObjectNode actions) {
            actions.remove("stateDelta");
        }

        String author = usableName(event.author());
        if (author != null) {
            blob.remove("author");
        }
        String invocationId = usableName(event.invocationId());
        if (invocationId != null) {
            blob.remove("invocationId");
        }
        String branch = usableName(event.branch().orElse(null));
        if (branch != null) {
            blob.remove("branch");
        }
        List<String> longRunning = event.longRunningToolIds().map(List::copyOf).orElse(List.of());
        boolean longRunningInColumn = !longRunning.isEmpty()
                && longRunning.stream().allMatch(id -> usableName(id) != null);
        if (longRunningInColumn) {
            blob.remove("longRunningToolIds");
        }

        List<Part> parts = event.content().flatMap(Content::parts).orElse(List.of());
        String text = joinedText(parts, false);
        String reasoning = joinedText(parts, true);
        moveSingleText(blob, parts, false, CONTENT);
        moveSingleText(blob, parts, true, REASONING);
        List<Action> actions = actions(parts, earlier);
        movePayloads(blob, parts);

        AddEventOptions.Builder options = AddEventOptions.builder(author == null ? "(none)" : author)
                .eventId(event.id())
                .content(text)
                .reasoning(reasoning)
                .invocationId(invocationId)
                .branch(branch)
                .longRunningToolIds(longRunningInColumn ? longRunning : List.of())
                .actions(actions)
                .stateDelta(event.actions() == null ? Map.of() : AdkJson.deltaToStore(event.actions().stateDelta()))
                .metadata(Map.of(METADATA_KEY, Map.of("format", FORMAT, "event", AdkJson.plainObject(blob))));
        if (expectedLastSequence != null) {
            options.expectedLastSequence(expectedLastSequence);
        }
        return options.build();
    }

    /**
     * @return the event to write as JSON: {@code event} itself when its delta is empty, otherwise a
     *     copy without the delta, which the store keeps in a field of its own
     */
    private static Event withoutStateDelta(Event event) {
        if (event.actions() == null || event.actions().stateDelta().isEmpty()) {
            return event;
        }
        return event.toBuilder().actions(event.actions().toBuilder().stateDelta(new ConcurrentHashMap<>()).build())
                .build();
    }

    /**
     * The ADK event a stored event was written from.
     *
     * @throws SessionException naming the event's sequence and session, when the stored event
     *     cannot be read as an ADK event (written by another program, or damaged)
     */
    static Event fromStore(dev.agentsession.Event stored) {
        try {
            return decode(stored);
        } catch (RuntimeException e) {
            throw new SessionException("event " + stored.sequence() + " of session '" + stored.sessionId()
                    + "' (id '" + stored.id() + "') cannot be read as an ADK event: " + e.getMessage(), e);
        }
    }

    private static Event decode(dev.agentsession.Event stored) {
        Object kept = stored.metadata().get(METADATA_KEY);
        if (!(kept instanceof Map<?, ?> adk) || !(adk.get("event") instanceof Map<?, ?> fields)) {
            return foreign(stored);
        }
        if (!Objects.equals(adk.get("format"), (long) FORMAT) && !Objects.equals(adk.get("format"), 1L)) {
            throw new IllegalStateException("event '" + stored.id() + "' was written in ADK layout "
                    + adk.get("format") + ", which this version does not know (it knows 1 and " + FORMAT + ")");
        }
        ObjectNode event = (ObjectNode) AdkJson.tree(fields);
        event.put("id", stored.id());
        putIfAbsent(event, "author", stored.author());
        putIfAbsent(event, "invocationId", stored.invocationId());
        putIfAbsent(event, "branch", stored.branch());
        if (!event.has("longRunningToolIds") && !stored.longRunningToolIds().isEmpty()) {
            ArrayNode ids = event.putArray("longRunningToolIds");
            stored.longRunningToolIds().forEach(ids::add);
        }
        restorePayloads(event, stored.actions());
        JsonNode parts = event.path("content").path("parts");
        for (JsonNode part : parts) {
            JsonNode field = part.get(TEXT_IN);
            if (field != null) {
                ((ObjectNode) part).remove(TEXT_IN);
                ((ObjectNode) part).put("text", CONTENT.equals(field.asText()) ? stored.content() : stored.reasoning());
            }
        }
        JsonNode actions = event.get("actions");
        if (actions instanceof ObjectNode object) {
            object.set("stateDelta", AdkJson.tree(stored.stateDelta()));
        } else if (actions == null || !actions.isNull() || !stored.stateDelta().isEmpty()) {
            // an event appended with no actions at all comes back so, unless it carried state
            event.putObject("actions").set("stateDelta", AdkJson.tree(stored.stateDelta()));
        }
        return parse(stored.id(), event);
    }

    /** An event written without ADK: its text, reasoning and author, as a model or user turn. */
    private static Event foreign(dev.agentsession.Event stored) {
        List<Part> parts = new ArrayList<>();
        if (stored.reasoning() != null) {
            parts.add(Part.builder().text(stored.reasoning()).thought(true).build());
        }
        if (stored.content() != null) {
            parts.add(Part.fromText(stored.content()));
        }
        Event.Builder event = Event.builder()
                .id(stored.id())
                .author(stored.author())
                .invocationId(stored.invocationId())
                .timestamp(stored.createdAt().toEpochMilli());
        if (stored.branch() != null) {
            event.branch(stored.branch());
        }
        if (!parts.isEmpty()) {
            event.content(Content.builder().role("user".equals(stored.author()) ? "user" : "model").parts(parts).build());
        }
        if (!stored.longRunningToolIds().isEmpty()) {
            event.longRunningToolIds(Set.copyOf(stored.longRunningToolIds()));
        }
        Event built = event.build();
        stored.stateDelta().forEach((key, value) -> built.actions().stateDelta()
                .put(key, value == null ? State.REMOVED : AdkJson.plain(value)));
        return built;
    }

    private static Event parse(String id, ObjectNode event) {
        try {
            // bound from the tree by ADK's mapper, as Event.fromJson binds it from text
            return AdkJson.mapper().treeToValue(event, Event.class);
        } catch (JsonProcessingException | IllegalStateException e) {
            throw new IllegalStateException("stored event '" + id + "' cannot be read back as an ADK event", e);
        }
    }

    private static void putIfAbsent(ObjectNode event, String field, String value) {
        if (!event.has(field) && value != null) {
            event.put(field, value);
        }
    }

    /** @return the value if a store name field can hold it exactly, otherwise null */
    private static String usableName(String value) {
        if (value == null || value.isBlank() || value.length() > Limits.MAX_NAME_LENGTH) {
            return null;
        }
        return value.indexOf('\u0000') < 0 ? value : null;
    }

    private static boolean isText(Part part, boolean thought) {
        return part.text().isPresent() && part.thought().orElse(false) == thought;
    }

    private static String joinedText(List<Part> parts, boolean thought) {
        StringBuilder text = new StringBuilder();
        boolean any = false;
        for (Part part : parts) {
            if (isText(part, thought)) {
                text.append(part.text().get());
                any = true;
            }
        }
        return any ? text.toString() : null;
    }

    /** Where exactly one part holds this kind of text, the store field holds it and the blob names the field. */
    private static void moveSingleText(ObjectNode blob, List<Part> parts, boolean thought, String field) {
        int index = -1;
        for (int i = 0; i < parts.size(); i++) {
            if (isText(parts.get(i), thought)) {
                if (index >= 0) {
                    return;
                }
                index = i;
            }
        }
        if (index >= 0) {
            ObjectNode part = (ObjectNode) blob.path(CONTENT).path("parts").get(index);
            part.remove("text");
            part.put(TEXT_IN, field);
        }
    }

    /**
     * Keeps each function call's arguments and each function response's response once: in the
     * action that {@link #actions} makes of the part (its input, its output), the part in the blob
     * naming that action instead. Parts that make no action, or carry no arguments or response,
     * are left whole.
     */
    private static void movePayloads(ObjectNode blob, List<Part> parts) {
        JsonNode blobParts = blob.path(CONTENT).path("parts");
        int action = 0;
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            Optional<FunctionCall> call = part.functionCall();
            if (call.isPresent() && usableName(call.get().name().orElse(null)) != null) {
                if (call.get().args().isPresent() && blobParts.get(i).path("functionCall") instanceof ObjectNode node) {
                    node.remove("args");
                    node.put(ARGS_IN, action);
                }
                action++;
            }
            Optional<FunctionResponse> response = part.functionResponse();
            if (response.isPresent() && usableName(response.get().name().orElse(null)) != null) {
                if (response.get().response().isPresent()
                        && blobParts.get(i).path("functionResponse") instanceof ObjectNode node) {
                    node.remove("response");
                    node.put(RESPONSE_IN, action);
                }
                action++;
            }
        }
    }

    /** Puts back the arguments and responses {@link #movePayloads} left in the stored actions. */
    private static void restorePayloads(ObjectNode event, List<Action> actions) {
        for (JsonNode part : event.path("content").path("parts")) {
            if (part.path("functionCall") instanceof ObjectNode call && call.has(ARGS_IN)) {
                call.set("args", AdkJson.tree(actions.get(call.remove(ARGS_IN).asInt()).input()));
            }
            if (part.path("functionResponse") instanceof ObjectNode response && response.has(RESPONSE_IN)) {
                response.set("response",
                        AdkJson.tree(actions.get(response.remove(RESPONSE_IN).asInt()).output()));
            }
        }
    }

    /** Each function call as an action without output; each response with its call's input where known. */
    private static List<Action> actions(List<Part> parts, List<Event> earlier) {
        List<Action> actions = new ArrayList<>();
        Map<String, Map<String, Object>> callInputs = null;
        for (Part part : parts) {
            Optional<FunctionCall> call = part.functionCall();
            if (call.isPresent() && usableName(call.get().name().orElse(null)) != null) {
                actions.add(new Action(call.get().name().get(), input(call.get()), null));
            }
            Optional<FunctionResponse> response = part.functionResponse();
            if (response.isPresent() && usableName(response.get().name().orElse(null)) != null) {
                if (callInputs == null) {
                    callInputs = callInputs(earlier);
                }
                Map<String, Object> input = response.get().id().map(callInputs::get).orElse(Map.of());
                Object output = response.get().response().map(AdkJson::plainObject).orElse(null);
                actions.add(new Action(response.get().name().get(), input == null ? Map.of() : input, output));
            }
        }
        return actions;
    }

    private static Map<String, Object> input(FunctionCall call) {
        return call.args().map(AdkJson::plainObject).orElse(Map.of());
    }

    private static Map<String, Map<String, Object>> callInputs(List<Event> earlier) {
        Map<String, Map<String, Object>> inputs = new HashMap<>();
        for (int i = earlier.size() - 1; i >= 0 && i >= earlier.size() - CALL_SEARCH_DEPTH; i--) {
            for (FunctionCall call : earlier.get(i).functionCalls()) {
                call.id().ifPresent(id -> inputs.putIfAbsent(id, input(call)));
            }
        }
        return inputs;
    }
}
