package dev.agentsession.langchain4j;

import dev.agentsession.SessionService;
import dev.agentsession.SessionStoreException;
import dev.agentsession.chat.ConversationScopeResolver;
import dev.agentsession.chat.ConversationStore;
import dev.agentsession.chat.ConversationStoreBuilder;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import java.util.List;

/**
 * A LangChain4j {@link ChatMemoryStore} over any agent-session {@link SessionService}: each memory
 * id (as text) is a session in the (app, user) scope a {@link ConversationScopeResolver} gives, each
 * message an event.
 *
 * <p>{@link #updateMessages} appends only the messages that are new and moves the conversation's
 * window over the rest, never deleting (see {@link ConversationStore}): {@link #getMessages}
 * returns exactly the list last given, the whole history stays readable through
 * {@link SessionService}, and concurrent updates that follow a read on the same thread (as
 * LangChain4j's window memories do) keep both sides' messages.
 *
 * <p>Every message type comes back equal under LangChain4j's {@code equals}: system; user with
 * text, image and other contents, name and attributes; AI with text, thinking, tool execution
 * requests and attributes; tool execution results with {@code isError}; custom messages.
 * Attributes keep their Java types. The stored events read without LangChain4j: author is the
 * message type, content the text, reasoning the thinking, tool requests and results are actions.
 *
 * <p>Thread-safe. Store failures throw {@link SessionStoreException}.
 */
public final class SessionChatMemoryStore implements ChatMemoryStore {

    private final ConversationStore<ChatMessage> conversations;

    private SessionChatMemoryStore(ConversationStore<ChatMessage> conversations) {
        this.conversations = conversations;
    }

    /**
     * A builder for a chat memory store over {@code store}.
     *
     * @throws NullPointerException if {@code store} is null
     */
    public static Builder builder(SessionService store) {
        return new Builder(store);
    }

    /** @return the messages last given for the memory, in order; empty if there are none */
    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        return conversations.find(conversationId(memoryId));
    }

    /** Makes {@code messages} the memory's list, appending only the ones not stored yet. */
    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        conversations.save(conversationId(memoryId), messages);
    }

    /** Deletes the memory's session with its whole history. */
    @Override
    public void deleteMessages(Object memoryId) {
        conversations.delete(conversationId(memoryId));
    }

    private static String conversationId(Object memoryId) {
        if (memoryId == null) {
            throw new IllegalArgumentException("memoryId cannot be null");
        }
        return memoryId.toString();
    }

    /**
     * Settings of a {@link SessionChatMemoryStore}: a scope or scope resolver is required (a resolver
     * is given the memory id as text); agent id {@code langchain4j}.
     */
    public static final class Builder extends ConversationStoreBuilder<Builder> {

        private Builder(SessionService store) {
            super(store, "langchain4j");
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * @return the chat memory store
         * @throws IllegalStateException if no scope or resolver was given
         */
        public SessionChatMemoryStore build() {
            return new SessionChatMemoryStore(conversations(LangChain4jMessages.CODEC));
        }
    }
}
