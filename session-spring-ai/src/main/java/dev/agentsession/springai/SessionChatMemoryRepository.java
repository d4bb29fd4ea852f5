package dev.agentsession.springai;

import dev.agentsession.SessionService;
import dev.agentsession.SessionStoreException;
import dev.agentsession.chat.ConversationScopeResolver;
import dev.agentsession.chat.ConversationStore;
import dev.agentsession.chat.ConversationStoreBuilder;
import java.util.List;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.messages.Message;

/**
 * A Spring AI {@link ChatMemoryRepository} over any agent-session {@link SessionService}: each
 * conversation is a session (its id the conversation id) in the (app, user) scope a
 * {@link ConversationScopeResolver} gives, each message an event.
 *
 * <p><b>Append-only.</b> {@link #saveAll} compares the list with the one shown now and appends
 * only the messages that are new; messages it leaves out (a window that dropped its oldest
 * messages, a replaced system message, any other change) are hidden, never deleted, by moving
 * the conversation's window, kept in the session's state and committed with the last appended
 * event. {@link #findByConversationId} returns exactly the list last saved, while the whole
 * history stays readable through {@link SessionService}. A save is atomic. A save that follows a
 * read of the same conversation on the same thread (as {@code MessageWindowChatMemory.add} does)
 * is merged with a save that came in between, so concurrent adds keep both messages. The details
 * are those of {@link ConversationStore}.
 *
 * <p><b>Lossless.</b> Every message comes back equal under Spring AI's {@code equals}: user
 * messages with text, media and metadata, assistant messages with text, tool calls, properties
 * and media, system messages, tool responses; metadata values keep their Java types (an
 * {@code Integer} stays an {@code Integer}, {@code messageType} its enum). The stored events stay
 * readable without Spring AI: author is the message type, content the text, tool calls and
 * responses are actions.
 *
 * <p>Thread-safe. Bad arguments throw {@link IllegalArgumentException} with Spring AI's own
 * messages; store failures throw {@link SessionStoreException}.
 */
public final class SessionChatMemoryRepository implements ChatMemoryRepository {

    private final ConversationStore<Message> conversations;

    private SessionChatMemoryRepository(ConversationStore<Message> conversations) {
        this.conversations = conversations;
    }

    /**
     * A builder for a repository over {@code store}.
     *
     * @throws NullPointerException if {@code store} is null
     */
    public static Builder builder(SessionService store) {
        return new Builder(store);
    }

    /** @return the ids of the conversations in the scope the resolver gives for {@code null}, newest first */
    @Override
    public List<String> findConversationIds() {
        return conversations.conversationIds();
    }

    /** @return the messages last saved for the conversation, in order; empty if there are none */
    @Override
    public List<Message> findByConversationId(String conversationId) {
        return conversations.find(conversationId);
    }

    /**
     * Makes {@code messages} the conversation's list, appending only the ones not stored yet.
     *
     * @throws IllegalArgumentException for a missing conversation id, a null list or a null element
     */
    @Override
    public void saveAll(String conversationId, List<Message> messages) {
        conversations.save(conversationId, messages);
    }

    /** Deletes the conversation's session with its whole history. */
    @Override
    public void deleteByConversationId(String conversationId) {
        conversations.delete(conversationId);
    }

    /** Settings of a {@link SessionChatMemoryRepository}: a scope or scope resolver is required; agent id {@code spring-ai}. */
    public static final class Builder extends ConversationStoreBuilder<Builder> {

        private Builder(SessionService store) {
            super(store, "spring-ai");
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * @return the repository
         * @throws IllegalStateException if no scope or resolver was given
         */
        public SessionChatMemoryRepository build() {
            return new SessionChatMemoryRepository(conversations(SpringAiMessages.CODEC));
        }
    }
}
