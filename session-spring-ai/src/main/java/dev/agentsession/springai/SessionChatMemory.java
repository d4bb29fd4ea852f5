package dev.agentsession.springai;

import dev.agentsession.SessionService;
import dev.agentsession.chat.ConversationScopeResolver;
import dev.agentsession.chat.ConversationStore;
import dev.agentsession.internal.InputRules;
import java.util.List;
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

    private final ConversationStore<Message> conversations;
    private final int maxMessages;

    private SessionChatMemory(Builder builder) {
        this.conversations = new ConversationStore<>(builder.store, builder.scopes, builder.agentId,
                SpringAiMessages.CODEC);
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

    /** Appends the messages to the conversation, one event each, in order. */
    @Override
    public void add(String conversationId, List<Message> messages) {
        conversations.append(conversationId, messages);
    }

    /** @return the last messages (at most {@code maxMessages}), oldest first, without leading tool responses */
    @Override
    public List<Message> get(String conversationId) {
        List<Message> messages = conversations.last(conversationId, maxMessages);
        int first = 0;
        while (first < messages.size() && messages.get(first).getMessageType() == MessageType.TOOL) {
            first++;
        }
        return messages.subList(first, messages.size());
    }

    /** Deletes the conversation's session with its whole history. */
    @Override
    public void clear(String conversationId) {
        conversations.delete(conversationId);
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
