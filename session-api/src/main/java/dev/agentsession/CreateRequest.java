package dev.agentsession;

import dev.agentsession.internal.InputRules;
import dev.agentsession.internal.JsonValues;
import dev.agentsession.internal.StateDelta;
import java.util.Map;

/**
 * What {@link SessionService#create} needs to start a session.
 *
 * @param appName the application the session belongs to; required
 * @param userId the user the session belongs to; required
 * @param agentId the agent the session talks to; required
 * @param sessionId a caller-chosen id (1 to {@link Limits#MAX_SESSION_ID_LENGTH} characters), or
 *     {@code null} to have one generated
 * @param metadata JSON-shaped data kept with the session (see <a href="package-summary.html#json">JSON values</a>); {@code null}
 *     means none. Copied deeply: changing the caller's map afterwards changes nothing stored.
 * @param state the initial state, applied in the create's transaction as an event's delta is
 *     (see <a href="package-summary.html#state">State</a>): keys of the session itself, {@code
 *     app:} and {@code user:} keys for the shared tiers, {@code temp:} keys dropped; {@code null}
 *     means none
 */
public record CreateRequest(String appName, String userId, String agentId, String sessionId,
                            Map<String, Object> metadata, Map<String, Object> state) {

    /**
     * @throws IllegalArgumentException naming the field, for a missing or blank required name,
     *     a value over a {@link Limits limit}, text that cannot be stored, metadata that is not
     *     JSON-shaped, or state that breaks the <a href="package-summary.html#state">key rules</a>
     */
    public CreateRequest {
        InputRules.requireName("appName", appName);
        InputRules.requireName("userId", userId);
        InputRules.requireName("agentId", agentId);
        if (sessionId != null) {
            InputRules.requireSessionId("sessionId", sessionId);
        }
        metadata = JsonValues.copyObject("metadata", metadata);
        long size = JsonValues.jsonSize(metadata);
        if (size > Limits.MAX_SESSION_METADATA_BYTES) {
            throw new IllegalArgumentException("metadata is " + size + " bytes as JSON, over the"
                    + " limit of " + Limits.MAX_SESSION_METADATA_BYTES + " (Limits.MAX_SESSION_METADATA_BYTES)");
        }
        state = StateDelta.copy("state", state);
    }

    /**
     * A request without initial state, as before state existed.
     *
     * @param appName the application the session belongs to; required
     * @param userId the user the session belongs to; required
     * @param agentId the agent the session talks to; required
     * @param sessionId a caller-chosen id, or {@code null} to have one generated
     * @param metadata JSON-shaped data kept with the session; {@code null} means none
     */
    public CreateRequest(String appName, String userId, String agentId, String sessionId,
            Map<String, Object> metadata) {
        this(appName, userId, agentId, sessionId, metadata, null);
    }

    /** A request for a session with a generated id and no metadata. */
    public static CreateRequest of(String appName, String userId, String agentId) {
        return new CreateRequest(appName, userId, agentId, null, null);
    }

    /** Starts a request for the given scope and agent; id and metadata are optional. */
    public static Builder builder(String appName, String userId, String agentId) {
        return new Builder(appName, userId, agentId);
    }

    /** Builds a {@link CreateRequest}; validation happens in {@link #build()}. */
    public static final class Builder {
        private final String appName;
        private final String userId;
        private final String agentId;
        private String sessionId;
        private Map<String, ?> metadata;
        private Map<String, ?> state;

        private Builder(String appName, String userId, String agentId) {
            this.appName = appName;
            this.userId = userId;
            this.agentId = agentId;
        }

        /** Chooses the session id instead of having one generated. */
        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        /** Sets the session's metadata; it is copied when {@link #build()} is called. */
        public Builder metadata(Map<String, ?> metadata) {
            this.metadata = metadata;
            return this;
        }

        /**
         * Sets the initial state: the session's own keys, and {@code app:} and {@code user:} keys
         * for the shared tiers; copied when {@link #build()} is called.
         *
         * @param state the keys and their JSON values
         * @return this builder
         */
        public Builder state(Map<String, ?> state) {
            this.state = state;
            return this;
        }

        /** @throws IllegalArgumentException as {@link CreateRequest} describes */
        @SuppressWarnings("unchecked")
        public CreateRequest build() {
            return new CreateRequest(appName, userId, agentId, sessionId,
                    (Map<String, Object>) metadata, (Map<String, Object>) state);
        }
    }
}
