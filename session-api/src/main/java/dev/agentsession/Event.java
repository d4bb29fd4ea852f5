package dev.agentsession;

import dev.agentsession.internal.JsonValues;
import dev.agentsession.internal.LazyList;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One recorded turn of a conversation: a user message, an assistant reply, a tool call and its
 * result, or a step of reasoning. Events are immutable once written.
 *
 * <p>Backends build events from what they stored; callers add them with
 * {@link Session#addEvent}. Every collection is an unmodifiable copy; {@code null} lists and maps
 * become empty ones, while {@code null} optional text stays {@code null}. A store may decode an
 * event's tool calls, long-running tool ids, metadata and state delta from their stored JSON when
 * they are first read rather than when the event is read (what a program never looks at costs
 * nothing); that is safe from any thread, and a stored value that cannot be decoded then fails
 * with a {@link SessionStoreException}.
 *
 * @param id the event's id: generated (unique, URL-safe, at most 64 characters) or chosen by the
 *     caller; unique within its session
 * @param sessionId the id of the session the event belongs to
 * @param sequence the event's position in its session: 1, 2, 3 … without gaps
 * @param invocationId the agent invocation that produced the event, or {@code null}
 * @param agentId the agent that produced the event, or {@code null}
 * @param branch the agent branch the event belongs to, or {@code null}
 * @param author who wrote the event, for example {@code "user"} or an agent's name
 * @param content the text of the turn, or {@code null}
 * @param reasoning the model's reasoning behind the turn, or {@code null}
 * @param actions the tool calls made in this turn, in order
 * @param longRunningToolIds ids of tool calls still running when the event was written, in order
 * @param metadata any further JSON-shaped data
 * @param createdAt when the event was written: UTC, truncated to microseconds, never earlier than
 *     the previous event's
 * @param stateDelta the changes to the state committed with the event, as stored: without
 *     {@code temp:} keys; a {@code null} value means the key was removed
 */
public record Event(String id, String sessionId, long sequence,
                    String invocationId, String agentId, String branch,
                    String author, String content, String reasoning,
                    List<Action> actions, List<String> longRunningToolIds,
                    Map<String, Object> metadata, Instant createdAt, Map<String, Object> stateDelta) {

    /** @throws NullPointerException if id, sessionId, author or createdAt is missing */
    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(createdAt, "createdAt");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be at least 1, was " + sequence);
        }
        actions = actions == null ? List.of() : LazyList.copyOf(actions);
        longRunningToolIds = longRunningToolIds == null ? List.of() : LazyList.copyOf(longRunningToolIds);
        metadata = JsonValues.copyObject("metadata", metadata);
        stateDelta = JsonValues.copyObject("stateDelta", stateDelta);
    }

    /**
     * An event without a state delta, as before state existed.
     *
     * @param id the event's id
     * @param sessionId the id of its session
     * @param sequence its position in the session
     * @param invocationId the agent invocation that produced it, or {@code null}
     * @param agentId the agent that produced it, or {@code null}
     * @param branch the agent branch, or {@code null}
     * @param author who wrote it
     * @param content the text of the turn, or {@code null}
     * @param reasoning the reasoning behind it, or {@code null}
     * @param actions the tool calls, in order
     * @param longRunningToolIds ids of tool calls still running, in order
     * @param metadata further JSON-shaped data
     * @param createdAt when it was written
     */
    public Event(String id, String sessionId, long sequence, String invocationId, String agentId, String branch,
            String author, String content, String reasoning, List<Action> actions, List<String> longRunningToolIds,
            Map<String, Object> metadata, Instant createdAt) {
        this(id, sessionId, sequence, invocationId, agentId, branch, author, content, reasoning, actions,
                longRunningToolIds, metadata, createdAt, null);
    }
}
