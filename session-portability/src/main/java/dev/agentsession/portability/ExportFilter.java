package dev.agentsession.portability;

import dev.agentsession.internal.InputRules;
import java.time.Instant;

/**
 * Which part of a store an export or a copy takes. Unset fields take everything: {@link #all()}
 * is the whole store.
 *
 * @param appName only this app, or null for every app
 * @param userId only this user (needs {@code appName}), or null for every user
 * @param sessionId only this session (needs {@code appName} and {@code userId}), or null
 * @param updatedSince only sessions updated at or after this instant, or null; the app and user
 *     state tiers are taken whatever this says
 */
public record ExportFilter(String appName, String userId, String sessionId, Instant updatedSince) {

    /** @throws IllegalArgumentException for a narrower field without the wider ones */
    public ExportFilter {
        if (userId != null && appName == null) {
            throw new IllegalArgumentException("userId needs appName");
        }
        if (sessionId != null && userId == null) {
            throw new IllegalArgumentException("sessionId needs appName and userId");
        }
        if (appName != null) {
            InputRules.requireName("appName", appName);
        }
        if (userId != null) {
            InputRules.requireName("userId", userId);
        }
        if (sessionId != null) {
            InputRules.requireSessionId("sessionId", sessionId);
        }
    }

    /** The whole store. */
    public static ExportFilter all() {
        return new ExportFilter(null, null, null, null);
    }

    /** One app. */
    public static ExportFilter app(String appName) {
        return new ExportFilter(InputRules.requireName("appName", appName), null, null, null);
    }

    /** One user of one app. */
    public static ExportFilter user(String appName, String userId) {
        return new ExportFilter(appName, InputRules.requireName("userId", userId), null, null);
    }

    /** One session. */
    public static ExportFilter session(String appName, String userId, String sessionId) {
        return new ExportFilter(appName, userId, InputRules.requireSessionId("sessionId", sessionId), null);
    }

    /** These filters, keeping only sessions updated at or after {@code time}. */
    public ExportFilter updatedSince(Instant time) {
        return new ExportFilter(appName, userId, sessionId, InputRules.requireNonNull("updatedSince", time));
    }
}
