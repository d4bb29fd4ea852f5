package dev.agentsession.springai;

import dev.agentsession.SessionService;
import dev.agentsession.chat.ConversationStore;
import dev.agentsession.chat.ConversationStoreBuilder;
import java.util.List;
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

    private SessionChatMemory(ConversationStore<Message> conversations, int maxMessages) {
        this.conversations = conversations;
        this.maxMessages = maxMessages;
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

    /** Settings of a {@link SessionChatMemory}: a scope or scope resolver is required; agent id {@code spring-ai}. */
    public static final class Builder extends ConversationStoreBuilder<Builder> {
        private int maxMessages = 20;

        private Builder(SessionService store) {
            super(store, "spring-ai");
        }

        @Override
        protected Builder self() {
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
            return new SessionChatMemory(conversations(SpringAiMessages.CODEC), maxMessages);
        }
    }
}
