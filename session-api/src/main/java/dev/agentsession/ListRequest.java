package dev.agentsession;

import dev.agentsession.internal.InputRules;

/**
 * Asks {@link SessionService#list} for one user's sessions of one application.
 *
 * @param appName the application scope; required
 * @param userId the user scope; required
 * @param limit the most sessions to return; {@code 0} means no limit; negative is rejected
 */
public record ListRequest(String appName, String userId, int limit) {

    /** @throws IllegalArgumentException naming the field that is missing, blank or negative */
    public ListRequest {
        InputRules.requireName("appName", appName);
        InputRules.requireName("userId", userId);
        InputRules.requireNotNegative("limit", limit);
    }

    /** Every session of the user in the application. */
    public static ListRequest all(String appName, String userId) {
        return new ListRequest(appName, userId, 0);
    }
}
