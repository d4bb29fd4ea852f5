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
     * The state as of this snapshot (see <a href="package-summary.html#state">State</a>): the
     * session's own keys as they are, the app tier's keys as {@code app:key} and the user tier's
     * as {@code user:key}; never a {@code temp:} key.
     *
     * @return an unmodifiable map of JSON values, never {@code null}
     */
    Map<String, Object> state();

    /**
     * @return the sequence of the session's last event as of this snapshot; 0 for a session
     *     without events. Pass it to {@link AddEventOptions.Builder#expectedLastSequence} to
     *     append only if nothing was appended since.
     */
    long lastSequence();

    /**
     * Appends an event. In one transaction the event is written with the next sequence number
     * and the session's {@code updatedAt} is set to the event's {@code createdAt}: both happen or
     * neither does. Sequences stay gap-free and unique under concurrent appends from any number
     * of threads or processes. The event's {@code createdAt} is never earlier than the previous
     * event's.
     *
     * <p>The event's {@linkplain AddEventOptions#stateDelta() state delta} is applied in the same
     * transaction, to every tier it touches. With {@linkplain AddEventOptions#expectedLastSequence()
     * an expected last sequence} the append happens only if the session is still there; with a
     * {@linkplain AddEventOptions#eventId() chosen event id} already stored in the session, the
     * stored event is returned and nothing is written.
     *
     * @return the stored event, equal to what later reads return
     * @throws SessionNotFoundException if the session no longer exists; nothing is written
     * @throws SessionConflictException if the expected last sequence is not the session's, or the
     *     event id is stored with another payload; nothing is written
     * @throws IllegalArgumentException if the delta would make a state tier larger than
     *     {@link Limits#MAX_STATE_TIER_BYTES}; nothing is written
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
