package dev.agentsession;

import dev.agentsession.internal.InputRules;
import dev.agentsession.internal.JsonValues;
import dev.agentsession.internal.StateDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The contents of an event to append with {@link Session#addEvent}. The store assigns the
 * sequence and the time, and the id unless the caller chooses one.
 *
 * <p>Only {@code author} is required. Optional text left {@code null} is read back as
 * {@code null}; {@code null} lists and maps are read back empty. Everything is validated and
 * copied here, so a rejected event never reaches a store, and changing the caller's lists or maps
 * afterwards changes nothing.
 *
 * @param author who wrote the event, for example {@code "user"}; required, at most
 *     {@link Limits#MAX_NAME_LENGTH} characters
 * @param content the text of the turn
 * @param reasoning the model's reasoning behind the turn
 * @param actions the tool calls made in this turn, in order
 * @param invocationId the agent invocation that produced the event
 * @param agentId the agent that produced the event
 * @param branch the agent branch the event belongs to
 * @param longRunningToolIds ids of tool calls still running, in order
 * @param metadata any further JSON-shaped data (see <a href="package-summary.html#json">JSON values</a>)
 * @param stateDelta changes to the state, committed with the event (see <a
 *     href="package-summary.html#state">State</a>); a {@code null} value removes the key;
 *     {@code null} means none
 * @param expectedLastSequence append only if the session's last sequence is this (0 for a
 *     session without events), else {@link SessionConflictException}; {@code null} appends
 *     whatever the session holds
 * @param eventId a caller-chosen event id (the rules of session ids), making the append
 *     idempotent: a second append of the same id returns the stored event and writes nothing;
 *     {@code null} to have one generated
 */
public record AddEventOptions(String author, String content, String reasoning,
                              List<Action> actions, String invocationId, String agentId,
                              String branch, List<String> longRunningToolIds,
                              Map<String, Object> metadata, Map<String, Object> stateDelta,
                              Long expectedLastSequence, String eventId) {

    /**
     * @throws IllegalArgumentException naming the field, for a missing or blank author, a name
     *     over {@link Limits#MAX_NAME_LENGTH}, text holding U+0000 or an unpaired surrogate, a
     *     value that is not JSON-shaped, or a payload over {@link Limits#MAX_EVENT_BYTES}
     */
    public AddEventOptions {
        InputRules.requireName("author", author);
        InputRules.optionalName("invocationId", invocationId);
        InputRules.optionalName("agentId", agentId);
        InputRules.optionalName("branch", branch);
        long contentBytes = InputRules.utf8Length("content", content);
        long reasoningBytes = InputRules.utf8Length("reasoning", reasoning);
        actions = copyActions(actions);
        longRunningToolIds = copyToolIds(longRunningToolIds);
        metadata = JsonValues.copyObject("metadata", metadata);
        stateDelta = StateDelta.copy("stateDelta", stateDelta);
        if (expectedLastSequence != null && expectedLastSequence < 0) {
            throw new IllegalArgumentException("expectedLastSequence must not be negative, was " + expectedLastSequence);
        }
        if (eventId != null) {
            InputRules.requireSessionId("eventId", eventId);
        }

        long actionBytes = 0;
        for (Action action : actions) {
            actionBytes += JsonValues.jsonSize(action.toolName()) + JsonValues.jsonSize(action.input())
                    + JsonValues.jsonSize(action.output());
        }
        long total = contentBytes + reasoningBytes + actionBytes
                + JsonValues.jsonSize(longRunningToolIds) + JsonValues.jsonSize(metadata)
                + JsonValues.jsonSize(stateDelta);
        if (total > Limits.MAX_EVENT_BYTES) {
            String largest = largest(contentBytes, reasoningBytes, actionBytes,
                    JsonValues.jsonSize(metadata));
            throw new IllegalArgumentException(largest + " makes the event too large: its"
                    + " payload is " + total + " bytes, over the limit of " + Limits.MAX_EVENT_BYTES
                    + " (Limits.MAX_EVENT_BYTES)");
        }
    }

    /**
     * Event contents without state, conditions or a chosen id, as before those existed.
     *
     * @param author who wrote the event; required
     * @param content the text of the turn
     * @param reasoning the model's reasoning behind the turn
     * @param actions the tool calls made in this turn, in order
     * @param invocationId the agent invocation that produced the event
     * @param agentId the agent that produced the event
     * @param branch the agent branch the event belongs to
     * @param longRunningToolIds ids of tool calls still running, in order
     * @param metadata any further JSON-shaped data
     */
    public AddEventOptions(String author, String content, String reasoning, List<Action> actions,
            String invocationId, String agentId, String branch, List<String> longRunningToolIds,
            Map<String, Object> metadata) {
        this(author, content, reasoning, actions, invocationId, agentId, branch, longRunningToolIds, metadata,
                null, null, null);
    }

    /** Starts an event written by {@code author}. */
    public static Builder builder(String author) {
        return new Builder(author);
    }

    /** An event written by {@code author} holding only {@code content}. */
    public static AddEventOptions of(String author, String content) {
        return builder(author).content(content).build();
    }

    private static List<Action> copyActions(List<Action> actions) {
        if (actions == null) {
            return List.of();
        }
        List<Action> copy = new ArrayList<>(actions.size());
        for (int i = 0; i < actions.size(); i++) {
            copy.add(InputRules.requireNonNull("actions[" + i + "]", actions.get(i)));
        }
        return List.copyOf(copy);
    }

    private static List<String> copyToolIds(List<String> ids) {
        if (ids == null) {
            return List.of();
        }
        List<String> copy = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            copy.add(InputRules.requireName("longRunningToolIds[" + i + "]", ids.get(i)));
        }
        return List.copyOf(copy);
    }

    private static String largest(long content, long reasoning, long actions, long metadata) {
        long max = Math.max(Math.max(content, reasoning), Math.max(actions, metadata));
        if (max == content) {
            return "content";
        }
        if (max == reasoning) {
            return "reasoning";
        }
        return max == actions ? "actions" : "metadata";
    }

    /** Builds {@link AddEventOptions}; validation happens in {@link #build()}. */
    public static final class Builder {
        private final String author;
        private String content;
        private String reasoning;
        private final List<Action> actions = new ArrayList<>();
        private String invocationId;
        private String agentId;
        private String branch;
        private List<String> longRunningToolIds;
        private Map<String, ?> metadata;
        private Map<String, ?> stateDelta;
        private Long expectedLastSequence;
        private String eventId;

        private Builder(String author) {
            this.author = author;
        }

        /** Sets the text of the turn. */
        public Builder content(String content) {
            this.content = content;
            return this;
        }

        /** Sets the model's reasoning behind the turn. */
        public Builder reasoning(String reasoning) {
            this.reasoning = reasoning;
            return this;
        }

        /** Adds one tool call after those already added. */
        public Builder action(Action action) {
            this.actions.add(action);
            return this;
        }

        /** Adds tool calls after those already added, in order. */
        public Builder actions(List<Action> actions) {
            this.actions.addAll(actions);
            return this;
        }

        /** Sets the agent invocation that produced the event. */
        public Builder invocationId(String invocationId) {
            this.invocationId = invocationId;
            return this;
        }

        /** Sets the agent that produced the event. */
        public Builder agentId(String agentId) {
            this.agentId = agentId;
            return this;
        }

        /** Sets the agent branch the event belongs to. */
        public Builder branch(String branch) {
            this.branch = branch;
            return this;
        }

        /** Sets the ids of tool calls still running, in order. */
        public Builder longRunningToolIds(List<String> ids) {
            this.longRunningToolIds = ids;
            return this;
        }

        /** Sets further JSON-shaped data. */
        public Builder metadata(Map<String, ?> metadata) {
            this.metadata = metadata;
            return this;
        }

        /**
         * Sets the changes to the state committed with the event: the session's own keys, and
         * {@code app:}, {@code user:} and {@code temp:} keys; a {@code null} value removes a key.
         *
         * @param stateDelta the keys and their new JSON values
         * @return this builder
         */
        public Builder stateDelta(Map<String, ?> stateDelta) {
            this.stateDelta = stateDelta;
            return this;
        }

        /**
         * Appends only if the session's last sequence is still {@code expectedLastSequence} (0
         * for a session without events); otherwise the append fails with
         * {@link SessionConflictException} and writes nothing.
         *
         * @param expectedLastSequence the last sequence the caller saw, 0 or more
         * @return this builder
         */
        public Builder expectedLastSequence(long expectedLastSequence) {
            this.expectedLastSequence = expectedLastSequence;
            return this;
        }

        /**
         * Chooses the event's id, which makes the append idempotent: appending the same id to
         * the same session again returns the stored event and writes nothing.
         *
         * @param eventId 1 to {@link Limits#MAX_SESSION_ID_LENGTH} characters
         * @return this builder
         */
        public Builder eventId(String eventId) {
            this.eventId = eventId;
            return this;
        }

        /** @throws IllegalArgumentException as {@link AddEventOptions} describes */
        @SuppressWarnings("unchecked")
        public AddEventOptions build() {
            return new AddEventOptions(author, content, reasoning, actions, invocationId, agentId,
                    branch, longRunningToolIds, (Map<String, Object>) metadata, (Map<String, Object>) stateDelta,
                    expectedLastSequence, eventId);
        }
    }
}
