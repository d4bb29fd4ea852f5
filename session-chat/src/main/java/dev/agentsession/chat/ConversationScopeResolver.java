package dev.agentsession.chat;

/**
 * Says which (app, user) scope a conversation belongs to, so one deployment can keep each end
 * user's conversations in that user's own scope (from the conversation id, or from the caller's
 * security context).
 */
@FunctionalInterface
public interface ConversationScopeResolver {

    /**
     * @param conversationId the conversation, or {@code null} when the caller asks for every
     *     conversation id of its scope ({@code findConversationIds})
     * @return the scope; never null
     */
    ConversationScope scopeOf(String conversationId);

    /** A resolver that puts every conversation in one scope. */
    static ConversationScopeResolver fixed(String appName, String userId) {
        ConversationScope scope = new ConversationScope(appName, userId);
        return conversationId -> scope;
    }
}
