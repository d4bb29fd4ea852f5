package dev.agentsession.spi;

import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.Session;
import dev.agentsession.internal.EventPages;
import dev.agentsession.internal.InputRules;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The part of a {@link Session} handle every backend shares: the fields read with it, which the
 * accessors return without touching the store, and the two ways of reading events built on two
 * small backend methods, {@link #readEvents} and {@link #readPage}. A backend adds those and
 * {@link #addEvent}.
 */
public abstract class SessionSnapshot implements Session {

    private final String id;
    private final String appName;
    private final String userId;
    private final String agentId;
    private final Map<String, Object> metadata;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final Map<String, Object> state;
    private final long lastSequence;

    /**
     * @param id the session's id
     * @param appName the application it belongs to
     * @param userId the user it belongs to
     * @param agentId the agent it talks to
     * @param metadata already an unmodifiable deep copy that follows the number rule
     * @param createdAt when it was created
     * @param updatedAt when it was last changed, as of this snapshot
     * @param state the state as the session shows it (own keys, {@code app:} and {@code user:}
     *     keys), already an unmodifiable copy
     * @param lastSequence the sequence of its last event, 0 for none
     */
    protected SessionSnapshot(String id, String appName, String userId, String agentId,
            Map<String, Object> metadata, Instant createdAt, Instant updatedAt, Map<String, Object> state,
            long lastSequence) {
        this.id = id;
        this.appName = appName;
        this.userId = userId;
        this.agentId = agentId;
        this.metadata = metadata;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.state = state;
        this.lastSequence = lastSequence;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String appName() {
        return appName;
    }

    @Override
    public final String userId() {
        return userId;
    }

    @Override
    public final String agentId() {
        return agentId;
    }

    @Override
    public final Map<String, Object> metadata() {
        return metadata;
    }

    @Override
    public final Instant createdAt() {
        return createdAt;
    }

    @Override
    public final Instant updatedAt() {
        return updatedAt;
    }

    @Override
    public final Map<String, Object> state() {
        return state;
    }

    @Override
    public final long lastSequence() {
        return lastSequence;
    }

    /**
     * Events per page of {@link #streamEvents}, on every backend. Small enough that a page of ~1 KB
     * turns stays short-lived garbage in a small heap (1,000 measured 30 % slower in 64 MiB: the
     * collector copied each page along), large enough that a server's round trip per page is a small
     * share of reading it.
     */
    public static final int PAGE_SIZE = 200;

    /**
     * Checks the options, then reads through {@link #readEvents}.
     *
     * @throws IllegalArgumentException if {@code options} is null
     */
    @Override
    public final List<Event> events(EventsOptions options) {
        InputRules.requireNonNull("options", options);
        return options.notBefore() == null
                ? readEvents(options.afterSequence(), options.limit())
                : readEvents(options.afterSequence(), options.notBefore(), options.limit());
    }

    /**
     * Streams the events after {@code afterSequence} page by page through {@link #readPage}. The
     * first page is read at once, so a closed store or a bad argument fails here rather than in
     * the stream; each later page is read when the stream reaches it.
     */
    @Override
    public final Stream<Event> streamEvents(long afterSequence) {
        return EventPages.stream(afterSequence, after -> readPage(after, PAGE_SIZE));
    }

    /**
     * Reads the events after a sequence, oldest first.
     *
     * @param afterSequence only events with a greater sequence; 0 or more (checked by the caller)
     * @param limit {@code 0} for all of them, otherwise only the most recent {@code limit}
     * @return an unmodifiable list; empty if the session no longer exists
     * @throws IllegalStateException if the store is closed
     */
    protected abstract List<Event> readEvents(long afterSequence, int limit);

    /**
     * Reads one page of the oldest events after a sequence. Takes and releases its own
     * connection: nothing is held between pages.
     *
     * @param afterSequence only events with a greater sequence
     * @param pageSize the most events to return
     * @return an unmodifiable list, oldest first; empty when there are no more
     * @throws IllegalStateException if the store is closed
     */
    protected abstract List<Event> readPage(long afterSequence, int pageSize);

    /**
     * Reads the events after a sequence written at or after a time, oldest first. Every backend of
     * this project overrides it to filter in the store; this default, kept for backends written
     * before the time filter existed, pages through every later event and keeps the matching ones
     * (constant memory: at most {@code limit} events are held).
     *
     * @param afterSequence only events with a greater sequence; 0 or more (checked by the caller)
     * @param notBefore only events whose {@link Event#createdAt} is not before it; never null
     * @param limit {@code 0} for all of them, otherwise only the most recent {@code limit}
     * @return an unmodifiable list; empty if the session no longer exists
     * @throws IllegalStateException if the store is closed
     */
    protected List<Event> readEvents(long afterSequence, Instant notBefore, int limit) {
        Deque<Event> kept = new ArrayDeque<>();
        try (Stream<Event> events = streamEvents(afterSequence)) {
            events.filter(event -> !event.createdAt().isBefore(notBefore)).forEach(event -> {
                if (limit != 0 && kept.size() == limit) {
                    kept.removeFirst();
                }
                kept.addLast(event);
            });
        }
        return List.copyOf(kept);
    }

    @Override
    public String toString() {
        return "Session[app=" + appName + ", user=" + userId + ", id=" + id + ", updatedAt=" + updatedAt
                + ", lastSequence=" + lastSequence + "]";
    }
}
