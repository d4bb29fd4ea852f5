package dev.agentsession.chat;

import dev.agentsession.internal.InputRules;

/**
 * The (app, user) scope a conversation's session lives in.
 *
 * @param appName the application; required, non-blank
 * @param userId the end user; required, non-blank
 */
public record ConversationScope(String appName, String userId) {

    /** @throws IllegalArgumentException naming the field that is missing or blank */
    public ConversationScope {
        InputRules.requireName("appName", appName);
        InputRules.requireName("userId", userId);
    }
}
