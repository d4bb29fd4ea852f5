package dev.agentsession.langchain4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentsession.Action;
import dev.agentsession.AddEventOptions;
import dev.agentsession.Event;
import dev.agentsession.chat.StoredMessageCodec;
import dev.agentsession.chat.TypedValues;
import dev.agentsession.internal.JsonValues;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.data.message.CustomMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps LangChain4j messages to stored events and back.
 *
 * <p>The message is written by LangChain4j's own {@link ChatMessageSerializer}; the event's author
 * is the message type in lower case ({@code system}, {@code user}, {@code ai},
 * {@code tool_execution_result}, {@code custom}), its content the message's text and its reasoning
 * an AI message's thinking (taken out of the kept JSON), each tool execution request an action
 * with its parsed arguments, each tool result an action with its request's arguments as input and
 * its parsed text as output. The JSON is kept under the metadata key {@value #METADATA_KEY}, with
 * attributes written so that they read back with their Java types.
 */
final class LangChain4jMessages extends StoredMessageCodec<ChatMessage> {

    /** The event metadata key holding the message. */
    static final String METADATA_KEY = "langchain4j";
    /** The codec. */
    static final LangChain4jMessages CODEC = new LangChain4jMessages();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private LangChain4jMessages() {
        super(METADATA_KEY, "LangChain4j");
    }

    @Override
    public Map<String, Object> form(ChatMessage message) {
        Map<String, Object> form = parse(ChatMessageSerializer.messageToJson(message));
        switch (message.type()) {
            case SYSTEM -> form.remove("text");
            case AI -> {
                form.remove("text");
                form.remove("thinking");
            }
            case USER -> {
                if (singleText((UserMessage) message) != null && form.get("contents") instanceof List<?> contents) {
                    ((Map<?, ?>) contents.get(0)).remove("text");
                }
            }
            default -> { }
        }
        Map<String, Object> attributes = attributes(message);
        if (attributes != null) {
            form.put("attributes", TypedValues.write(attributes));
        }
        return JsonValues.copyObject("message", form);
    }

    @Override
    public String text(ChatMessage message) {
        return switch (message.type()) {
            case SYSTEM -> ((SystemMessage) message).text();
            case AI -> ((AiMessage) message).text();
            case USER -> singleText((UserMessage) message);
            case TOOL_EXECUTION_RESULT -> ((ToolExecutionResultMessage) message).text();
            default -> null;
        };
    }

    @Override
    protected AddEventOptions.Builder eventOf(ChatMessage message, Map<String, Map<String, Object>> callInputs) {
        return AddEventOptions.builder(message.type().name().toLowerCase(Locale.ROOT))
                .content(text(message))
                .reasoning(message instanceof AiMessage ai ? ai.thinking() : null)
                .actions(actions(message, callInputs));
    }

    @Override
    @SuppressWarnings("unchecked")
    public ChatMessage message(Event event) {
        Map<String, Object> stored = storedForm(event);
        if (stored.isEmpty()) {
            String text = event.content() == null ? "" : event.content();
            return switch (event.author()) {
                case "user" -> UserMessage.from(text);
                case "system" -> SystemMessage.from(text);
                default -> AiMessage.from(text);
            };
        }
        Map<String, Object> form = (Map<String, Object>) copy(stored);
        Object attributes = form.remove("attributes");
        switch ((String) form.get("type")) {
            case "SYSTEM" -> form.put("text", event.content());
            case "AI" -> {
                form.put("text", event.content());
                form.put("thinking", event.reasoning());
            }
            case "USER" -> {
                if (form.get("contents") instanceof List<?> contents && contents.size() == 1
                        && contents.get(0) instanceof Map<?, ?> part && "TEXT".equals(part.get("type"))
                        && !part.containsKey("text")) {
                    ((Map<String, Object>) part).put("text", event.content());
                }
            }
            default -> { }
        }
        ChatMessage message;
        try {
            message = ChatMessageDeserializer.messageFromJson(JSON.writeValueAsString(form));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("event " + event.sequence() + " of session '" + event.sessionId()
                    + "' cannot be read back as a LangChain4j message", e);
        }
        return attributes == null ? message : withAttributes(message, (Map<String, Object>) TypedValues.read(attributes));
    }

    @Override
    public Map<String, Map<String, Object>> callInputs(ChatMessage message) {
        Map<String, Map<String, Object>> inputs = new LinkedHashMap<>();
        if (message instanceof AiMessage ai && ai.hasToolExecutionRequests()) {
            for (ToolExecutionRequest request : ai.toolExecutionRequests()) {
                if (request.id() != null) {
                    inputs.put(request.id(), toolArguments(request.arguments()));
                }
            }
        }
        return inputs;
    }

    private static String singleText(UserMessage user) {
        return user.contents().size() == 1 && user.contents().get(0) instanceof TextContent text ? text.text() : null;
    }

    private static Map<String, Object> attributes(ChatMessage message) {
        Map<String, Object> attributes = switch (message.type()) {
            case AI -> ((AiMessage) message).attributes();
            case USER -> ((UserMessage) message).attributes();
            case TOOL_EXECUTION_RESULT -> ((ToolExecutionResultMessage) message).attributes();
            case CUSTOM -> ((CustomMessage) message).attributes();
            default -> null;
        };
        return attributes == null || attributes.isEmpty() ? null : attributes;
    }

    private static ChatMessage withAttributes(ChatMessage message, Map<String, Object> attributes) {
        return switch (message.type()) {
            case AI -> ((AiMessage) message).toBuilder().attributes(attributes).build();
            case USER -> ((UserMessage) message).toBuilder().attributes(attributes).build();
            case TOOL_EXECUTION_RESULT -> ((ToolExecutionResultMessage) message).toBuilder().attributes(attributes)
                    .build();
            case CUSTOM -> new CustomMessage(attributes);
            default -> message;
        };
    }

    private static List<Action> actions(ChatMessage message, Map<String, Map<String, Object>> callInputs) {
        List<Action> actions = new ArrayList<>();
        if (message instanceof AiMessage ai && ai.hasToolExecutionRequests()) {
            for (ToolExecutionRequest request : ai.toolExecutionRequests()) {
                if (isToolName(request.name())) {
                    actions.add(new Action(request.name(), toolArguments(request.arguments()), null));
                }
            }
        } else if (message instanceof ToolExecutionResultMessage result && isToolName(result.toolName())) {
            Map<String, Object> input = result.id() == null ? null : callInputs.get(result.id());
            actions.add(new Action(result.toolName(), input == null ? Map.of() : input, jsonOrText(result.text())));
        }
        return actions;
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("LangChain4j wrote a message that is not a JSON object", e);
        }
    }

    /** A mutable deep copy of stored JSON data. */
    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put((String) key, copy(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(copy(item)));
            return copy;
        }
        return value;
    }
}
