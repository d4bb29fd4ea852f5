package dev.agentsession;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A handle on one stored session, with a snapshot of its fields taken when it was read.
 *
 * <p>The accessors return the snapshot and never touch the store; {@code updatedAt} therefore
 * does not move when events are added through the handle: read the session again for the current
 * value. The methods that read or write events go to the store each time.
 *
 * <p>A handle refers to the session it was read from, not merely to its id: once that session is
 * deleted, {@link #addEvent} throws {@link SessionNotFoundException} and the read methods return
 * no events, even if a new session is created later with the same id.
 *
 * <p>Handles are safe to share between threads. Calls after the service is closed throw
 * {@link IllegalStateException}.
 */
public interface Session {

    /** @return the session's id, unique within its (appName, userId) scope */
    String id();

    /** @return the application the session belongs to */
    String appName();

    /** @return the user the session belongs to */
    String userId();

    /** @return the agent the session talks to */
    String agentId();

    /** @return the session's metadata: unmodifiable, JSON-shaped, never {@code null} */
    Map<String, Object> metadata();

    /** @return when the session was created: UTC, truncated to microseconds */
    Instant createdAt();

    /**
     * @return when the session was last changed (created, or an event added), as of this
     *     snapshot: UTC, truncated to microseconds
     */
    Instant updatedAt();

    /**
     * Appends an event. In one transaction the event is written with the next sequence number
     * and the session's {@code updatedAt} is set to the event's {@code createdAt}: both happen or
     * neither does. Sequences stay gap-free and unique under concurrent appends from any number
     * of threads or processes. The event's {@code createdAt} is never earlier than the previous
     * event's.
     *
     * @return the stored event, equal to what later reads return
     * @throws SessionNotFoundException if the session no longer exists; nothing is written
     */
    Event addEvent(AddEventOptions options);

    /**
     * Reads events in sequence order, oldest first. {@code afterSequence} filters first, then
     * {@code limit} keeps the most recent of what is left.
     *
     * @return an unmodifiable list; empty if the session no longer exists
     */
    List<Event> events(EventsOptions options);

    /**
     * Reads every event whose sequence is greater than {@code afterSequence}, oldest first,
     * fetching them page by page as the stream is consumed: memory stays constant whatever the
     * session's length, and no connection is held between pages. Events appended while the
     * stream is read may or may not appear, but none appears twice or out of order.
     *
     * @param afterSequence {@code 0} for the whole history
     * @return a lazy stream; empty if the session no longer exists
     * @throws IllegalArgumentException if {@code afterSequence} is negative
     */
    Stream<Event> streamEvents(long afterSequence);
}
