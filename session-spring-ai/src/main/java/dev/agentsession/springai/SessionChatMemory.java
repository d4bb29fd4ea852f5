package dev.agentsession.springai;

import dev.agentsession.CreateRequest;
import dev.agentsession.DeleteRequest;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionAlreadyExistsException;
import dev.agentsession.SessionService;
import dev.agentsession.internal.InputRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;

/**
 * A Spring AI {@link ChatMemory} that appends each added message to the conversation's session
 * and reads the most recent ones back with one last-N query: nothing is ever rewritten or
 * hidden, so concurrent adds lose nothing. For programs that do not need the
 * {@link org.springframework.ai.chat.memory.ChatMemoryRepository} contract.
 *
 * <p>{@link #get} returns the last {@code maxMessages} messages, oldest first, without leading
 * tool responses (a model refuses a tool response whose call is not before it). Messages are
 * stored as {@link SessionChatMemoryRepository} stores them; the messages of one {@link #add}
 * are appended one by one. Thread-safe.
 */
public final class SessionChatMemory implements ChatMemory {

    private final SessionService store;
    private final ConversationScopeResolver scopes;
    private final String agentId;
    private final int maxMessages;

    private SessionChatMemory(Builder builder) {
        this.store = builder.store;
        this.scopes = builder.scopes;
        this.agentId = builder.agentId;
        this.maxMessages = builder.maxMessages;
    }

    /**
     * A builder for a chat memory over {@code store}.
     *
     * @throws NullPointerException if {@code store} is null
     */
    public static Builder builder(SessionService store) {
        return new Builder(store);
    }

    @Override
    public void add(String conversationId, List<Message> messages) {
        requireConversationId(conversationId);
        if (messages == null || messages.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("messages cannot be null or contain null elements");
        }
        Session session = session(conversationId);
        if (session == null) {
            session = create(conversationId);
        }
        Map<String, Map<String, Object>> inputs = new LinkedHashMap<>();
        for (Message message : messages) {
            session.addEvent(SpringAiMessages.toEvent(message, SpringAiMessages.form(message), inputs, Map.of()));
            inputs.putAll(SpringAiMessages.callInputs(message));
        }
    }

    @Override
    public List<Message> get(String conversationId) {
        requireConversationId(conversationId);
        Session session = session(conversationId);
        if (session == null) {
            return List.of();
        }
        List<Message> messages = new ArrayList<>();
        for (Event event : session.events(EventsOptions.last(maxMessages))) {
            if (!SpringAiMessages.isControl(event)) {
                Message message = SpringAiMessages.message(event);
                if (!messages.isEmpty() || message.getMessageType() != MessageType.TOOL) {
                    messages.add(message);
                }
            }
        }
        return messages;
    }

    /** Deletes the conversation's session with its whole history. */
    @Override
    public void clear(String conversationId) {
        requireConversationId(conversationId);
        ConversationScope scope = scopes.scopeOf(conversationId);
        store.delete(new DeleteRequest(scope.appName(), scope.userId(), conversationId));
    }

    private Session session(String conversationId) {
        ConversationScope scope = scopes.scopeOf(conversationId);
        return store.get(new GetRequest(scope.appName(), scope.userId(), conversationId)).orElse(null);
    }

    private Session create(String conversationId) {
        ConversationScope scope = scopes.scopeOf(conversationId);
        try {
            return store.create(CreateRequest.builder(scope.appName(), scope.userId(), agentId)
                    .sessionId(conversationId).build());
        } catch (SessionAlreadyExistsException e) {
            Session existing = session(conversationId);
            if (existing == null) {
                throw e;
            }
            return existing;
        }
    }

    private static void requireConversationId(String conversationId) {
        if (conversationId == null || conversationId.isBlank()) {
            throw new IllegalArgumentException("conversationId cannot be null or empty");
        }
    }

    /** Settings of a {@link SessionChatMemory}. */
    public static final class Builder {
        private final SessionService store;
        private ConversationScopeResolver scopes;
        private String agentId = "spring-ai";
        private int maxMessages = 20;

        private Builder(SessionService store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** Keeps every conversation in one (app, user) scope. */
        public Builder scope(String appName, String userId) {
            this.scopes = ConversationScopeResolver.fixed(appName, userId);
            return this;
        }

        /** Chooses each conversation's scope with a resolver. */
        public Builder scopeResolver(ConversationScopeResolver resolver) {
            this.scopes = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** The agent id recorded on the sessions this memory creates (default {@code spring-ai}). */
        public Builder agentId(String agentId) {
            this.agentId = InputRules.requireName("agentId", agentId);
            return this;
        }

        /** How many of the latest messages {@link #get} returns (default 20; at least 1). */
        public Builder maxMessages(int maxMessages) {
            if (maxMessages < 1) {
                throw new IllegalArgumentException("maxMessages must be at least 1, was " + maxMessages);
            }
            this.maxMessages = maxMessages;
            return this;
        }

        /**
         * @return the chat memory
         * @throws IllegalStateException if no scope or resolver was given
         */
        public SessionChatMemory build() {
            if (scopes == null) {
                throw new IllegalStateException("a scope (app and user) or a scope resolver is required");
            }
            return new SessionChatMemory(this);
        }
    }
}
