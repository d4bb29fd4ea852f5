package dev.agentsession.springai;

import dev.agentsession.Action;
import dev.agentsession.AddEventOptions;
import dev.agentsession.Event;
import dev.agentsession.chat.StoredMessageCodec;
import dev.agentsession.chat.TypedValues;
import dev.agentsession.internal.JsonValues;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.chat.messages.AbstractMessage;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeType;

/**
 * Maps Spring AI messages to stored events and back.
 *
 * <p>The event's author is the message type ({@code user}, {@code assistant}, {@code system},
 * {@code tool}) and its content the message text, so the conversation reads without Spring AI;
 * each tool call becomes an action with its parsed arguments as input, each tool response an
 * action with its call's arguments as input and its parsed result as output. What equality needs
 * beyond that (metadata with its Java types, the raw tool-call and response strings, media) is
 * kept under the metadata key {@value #METADATA_KEY}.
 */
final class SpringAiMessages extends StoredMessageCodec<Message> {

    /** The event metadata key holding the message. */
    static final String METADATA_KEY = "springAi";

    /** The codec. */
    static final SpringAiMessages CODEC = new SpringAiMessages();

    private SpringAiMessages() {
        super(METADATA_KEY, "Spring AI");
    }

    @Override
    public String text(Message message) {
        return message.getText();
    }

    /**
     * The stored form of a message, without its text, in the store's JSON normal form: two
     * messages are the same message when their forms and texts are equal.
     */
    @Override
    public Map<String, Object> form(Message message) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("type", message.getMessageType().getValue());
        Map<String, Object> metadata = new LinkedHashMap<>(message.getMetadata());
        metadata.remove(AbstractMessage.MESSAGE_TYPE);
        form.put("metadata", TypedValues.write(metadata));
        if (message instanceof AssistantMessage assistant) {
            List<Object> calls = new ArrayList<>();
            for (AssistantMessage.ToolCall call : assistant.getToolCalls()) {
                calls.add(nullable("id", call.id(), "type", call.type(), "name", call.name(), "arguments", call.arguments()));
            }
            form.put("toolCalls", calls);
            form.put("media", media(assistant.getMedia()));
        } else if (message instanceof UserMessage user) {
            form.put("media", media(user.getMedia()));
        } else if (message instanceof ToolResponseMessage tool) {
            List<Object> responses = new ArrayList<>();
            for (ToolResponseMessage.ToolResponse response : tool.getResponses()) {
                responses.add(nullable("id", response.id(), "name", response.name(), "responseData",
                        response.responseData()));
            }
            form.put("responses", responses);
        }
        return JsonValues.copyObject("message", form);
    }

    @Override
    protected AddEventOptions.Builder eventOf(Message message, Map<String, Map<String, Object>> inputs) {
        return AddEventOptions.builder(message.getMessageType().getValue())
                .content(message.getText())
                .actions(actions(message, inputs));
    }

    /** The message an event holds: as written through this module, or from its author and content. */
    @Override
    @SuppressWarnings("unchecked")
    public Message message(Event event) {
        Map<String, Object> form = storedForm(event);
        if (form.isEmpty()) {
            return foreign(event);
        }
        Map<String, Object> metadata = (Map<String, Object>) TypedValues.read(form.get("metadata"));
        String text = event.content();
        return switch (messageType((String) form.get("type"), event)) {
            case USER -> UserMessage.builder().text(text == null ? "" : text).media(media(form)).metadata(metadata)
                    .build();
            case SYSTEM -> SystemMessage.builder().text(text == null ? "" : text).metadata(metadata).build();
            case ASSISTANT -> AssistantMessage.builder().content(text).properties(metadata).toolCalls(toolCalls(form))
                    .media(media(form)).build();
            case TOOL -> ToolResponseMessage.builder().responses(responses(form)).metadata(metadata).build();
        };
    }

    /** The message type of a stored value (by hand: {@code MessageType.fromValue} is gone from Spring AI 2). */
    private static MessageType messageType(String value, Event event) {
        for (MessageType type : MessageType.values()) {
            if (type.getValue().equals(value)) {
                return type;
            }
        }
        throw new IllegalStateException("event " + event.sequence() + " of session '" + event.sessionId()
                + "' holds a message of type '" + value + "', which this Spring AI does not know");
    }

    /** The arguments of the tool calls a message makes, by call id. */
    @Override
    public Map<String, Map<String, Object>> callInputs(Message message) {
        Map<String, Map<String, Object>> inputs = new LinkedHashMap<>();
        if (message instanceof AssistantMessage assistant) {
            for (AssistantMessage.ToolCall call : assistant.getToolCalls()) {
                if (call.id() != null) {
                    inputs.put(call.id(), toolArguments(call.arguments()));
                }
            }
        }
        return inputs;
    }

    private static Message foreign(Event event) {
        String text = event.content() == null ? "" : event.content();
        return switch (event.author()) {
            case "user" -> new UserMessage(text);
            case "system" -> new SystemMessage(text);
            default -> new AssistantMessage(event.content());
        };
    }

    private static List<Action> actions(Message message, Map<String, Map<String, Object>> inputs) {
        List<Action> actions = new ArrayList<>();
        if (message instanceof AssistantMessage assistant) {
            for (AssistantMessage.ToolCall call : assistant.getToolCalls()) {
                if (isToolName(call.name())) {
                    actions.add(new Action(call.name(), toolArguments(call.arguments()), null));
                }
            }
        } else if (message instanceof ToolResponseMessage tool) {
            for (ToolResponseMessage.ToolResponse response : tool.getResponses()) {
                if (isToolName(response.name())) {
                    Map<String, Object> input = response.id() == null ? null : inputs.get(response.id());
                    actions.add(new Action(response.name(), input == null ? Map.of() : input, jsonOrText(response.responseData())));
                }
            }
        }
        return actions;
    }

    private static List<Object> media(List<Media> media) {
        List<Object> written = new ArrayList<>();
        for (Media item : media) {
            Object data = item.getData();
            String kind;
            Object value;
            if (data instanceof byte[] bytes) {
                kind = "bytes";
                value = Base64.getEncoder().encodeToString(bytes);
            } else if (data instanceof String text) {
                kind = "text";
                value = text;
            } else {
                throw new IllegalArgumentException("media '" + item.getName() + "' holds a "
                        + (data == null ? "null" : data.getClass().getName())
                        + "; only a URL or URI (kept as text) or bytes can be stored");
            }
            written.add(nullable("id", item.getId(), "name", item.getName(), "mimeType", item.getMimeType().toString(),
                    "kind", kind, "data", value));
        }
        return written;
    }

    @SuppressWarnings("unchecked")
    private static List<Media> media(Map<String, Object> form) {
        List<Media> media = new ArrayList<>();
        for (Object item : (List<Object>) form.getOrDefault("media", List.of())) {
            Map<String, Object> fields = (Map<String, Object>) item;
            Object data = fields.get("data");
            Media.Builder builder = Media.builder()
                    .mimeType(MimeType.valueOf((String) fields.get("mimeType")))
                    .name((String) fields.get("name"));
            if ("bytes".equals(fields.get("kind"))) {
                setData(builder, byte[].class, Base64.getDecoder().decode((String) data));
            } else {
                setData(builder, String.class, data);
            }
            if (fields.get("id") != null) {
                builder.id((String) fields.get("id"));
            }
            media.add(builder.build());
        }
        return media;
    }

    /**
     * Sets a media builder's data through {@code data(String)} / {@code data(byte[])} where they
     * exist (Spring AI 2) and {@code data(Object)} otherwise (Spring AI 1.1).
     */
    private static void setData(Media.Builder builder, Class<?> type, Object data) {
        try {
            Method setter;
            try {
                setter = Media.Builder.class.getMethod("data", type);
            } catch (NoSuchMethodException e) {
                setter = Media.Builder.class.getMethod("data", Object.class);
            }
            setter.invoke(builder, data);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this Spring AI's Media.Builder cannot take " + type.getSimpleName()
                    + " data", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<AssistantMessage.ToolCall> toolCalls(Map<String, Object> form) {
        List<AssistantMessage.ToolCall> calls = new ArrayList<>();
        for (Object item : (List<Object>) form.getOrDefault("toolCalls", List.of())) {
            Map<String, Object> call = (Map<String, Object>) item;
            calls.add(new AssistantMessage.ToolCall((String) call.get("id"), (String) call.get("type"),
                    (String) call.get("name"), (String) call.get("arguments")));
        }
        return calls;
    }

    @SuppressWarnings("unchecked")
    private static List<ToolResponseMessage.ToolResponse> responses(Map<String, Object> form) {
        List<ToolResponseMessage.ToolResponse> responses = new ArrayList<>();
        for (Object item : (List<Object>) form.getOrDefault("responses", List.of())) {
            Map<String, Object> response = (Map<String, Object>) item;
            responses.add(new ToolResponseMessage.ToolResponse((String) response.get("id"), (String) response.get("name"),
                    (String) response.get("responseData")));
        }
        return responses;
    }

    /** A map of the given key-value pairs, nulls included. */
    private static Map<String, Object> nullable(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
