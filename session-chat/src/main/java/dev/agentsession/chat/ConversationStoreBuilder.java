package dev.agentsession.chat;

import dev.agentsession.SessionService;
import dev.agentsession.internal.InputRules;
import java.util.Objects;

/**
 * The settings every chat-memory adapter's builder shares: the store, the (app, user) scope of the
 * conversations, and the agent id recorded on the sessions it creates.
 *
 * @param <B> the adapter's builder
 */
public abstract class ConversationStoreBuilder<B extends ConversationStoreBuilder<B>> {

    private final SessionService store;
    private ConversationScopeResolver scopes;
    private String agentId;

    /**
     * @param store where the conversations live
     * @param defaultAgentId the agent id when none is set
     * @throws NullPointerException if {@code store} is null
     */
    protected ConversationStoreBuilder(SessionService store, String defaultAgentId) {
        this.store = Objects.requireNonNull(store, "store");
        this.agentId = defaultAgentId;
    }

    /** @return this builder, as its own type */
    protected abstract B self();

    /** Keeps every conversation in one (app, user) scope. */
    public B scope(String appName, String userId) {
        this.scopes = ConversationScopeResolver.fixed(appName, userId);
        return self();
    }

    /** Chooses each conversation's scope with a resolver. */
    public B scopeResolver(ConversationScopeResolver resolver) {
        this.scopes = Objects.requireNonNull(resolver, "resolver");
        return self();
    }

    /** The agent id recorded on the sessions created for conversations. */
    public B agentId(String agentId) {
        this.agentId = InputRules.requireName("agentId", agentId);
        return self();
    }

    /**
     * @return a conversation store with these settings
     * @throws IllegalStateException if no scope or resolver was given
     */
    protected final <M> ConversationStore<M> conversations(MessageCodec<M> codec) {
        if (scopes == null) {
            throw new IllegalStateException("a scope (app and user) or a scope resolver is required");
        }
        return new ConversationStore<>(store, scopes, agentId, codec);
    }
}
