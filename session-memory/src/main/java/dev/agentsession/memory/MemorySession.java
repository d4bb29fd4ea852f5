package dev.agentsession.memory;

import dev.agentsession.AddEventOptions;
import dev.agentsession.Event;
import dev.agentsession.spi.SessionSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A handle on a stored session with the snapshot taken when it was read. */
final class MemorySession extends SessionSnapshot {

    private final MemorySessionService service;
    private final StoredSession stored;

    MemorySession(MemorySessionService service, StoredSession stored, Map<String, Object> state) {
        super(stored.id, stored.appName, stored.userId, stored.agentId, stored.metadata, stored.createdAt,
                stored.updatedAt, state, stored.events.size());
        this.service = service;
        this.stored = stored;
    }

    @Override
    public Event addEvent(AddEventOptions options) {
        return service.addEvent(stored, options);
    }

    @Override
    protected List<Event> readEvents(long afterSequence, int limit) {
        return service.events(stored, afterSequence, null, limit);
    }

    @Override
    protected List<Event> readEvents(long afterSequence, Instant notBefore, int limit) {
        return service.events(stored, afterSequence, notBefore, limit);
    }

    @Override
    protected List<Event> readPage(long afterSequence, int pageSize) {
        return service.page(stored, afterSequence, pageSize);
    }
}
