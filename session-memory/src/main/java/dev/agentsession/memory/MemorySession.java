package dev.agentsession.memory;

import dev.agentsession.AddEventOptions;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.Session;
import dev.agentsession.spi.EventPages;
import dev.agentsession.spi.InputRules;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A handle on a stored session with the snapshot taken when it was read. */
final class MemorySession implements Session {

    private static final int PAGE_SIZE = 500;

    private final MemorySessionService service;
    private final StoredSession stored;
    private final String agentId;
    private final Map<String, Object> metadata;
    private final Instant createdAt;
    private final Instant updatedAt;

    MemorySession(MemorySessionService service, StoredSession stored, String agentId,
            Map<String, Object> metadata, Instant createdAt, Instant updatedAt) {
        this.service = service;
        this.stored = stored;
        this.agentId = agentId;
        this.metadata = metadata;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    @Override
    public String id() {
        return stored.id;
    }

    @Override
    public String appName() {
        return stored.appName;
    }

    @Override
    public String userId() {
        return stored.userId;
    }

    @Override
    public String agentId() {
        return agentId;
    }

    @Override
    public Map<String, Object> metadata() {
        return metadata;
    }

    @Override
    public Instant createdAt() {
        return createdAt;
    }

    @Override
    public Instant updatedAt() {
        return updatedAt;
    }

    @Override
    public Event addEvent(AddEventOptions options) {
        return service.addEvent(stored, options);
    }

    @Override
    public List<Event> events(EventsOptions options) {
        InputRules.requireNonNull("options", options);
        return service.events(stored, options.afterSequence(), options.limit());
    }

    @Override
    public Stream<Event> streamEvents(long afterSequence) {
        service.checkOpen();
        return EventPages.stream(afterSequence, after -> service.page(stored, after, PAGE_SIZE));
    }

    @Override
    public String toString() {
        return "Session[app=" + stored.appName + ", user=" + stored.userId + ", id=" + stored.id
                + ", updatedAt=" + updatedAt + "]";
    }
}
