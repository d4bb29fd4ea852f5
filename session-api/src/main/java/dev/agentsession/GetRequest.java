package dev.agentsession;

import dev.agentsession.internal.InputRules;

/**
 * Identifies one session within its (appName, userId) scope, for {@link SessionService#get}.
 *
 * @param appName the application scope; required
 * @param userId the user scope; required
 * @param sessionId the session's id; required
 */
public record GetRequest(String appName, String userId, String sessionId) {

    /** @throws IllegalArgumentException naming the field that is missing, blank or too long */
    public GetRequest {
        InputRules.requireName("appName", appName);
        InputRules.requireName("userId", userId);
        InputRules.requireSessionId("sessionId", sessionId);
    }
}
