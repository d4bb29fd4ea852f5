package dev.agentsession.sql;

import dev.agentsession.AddEventOptions;
import dev.agentsession.Event;
import dev.agentsession.spi.SessionSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A handle on a stored session: its internal key, which no other session ever takes, and the
 * snapshot of its fields read with it.
 */
final class SqlSession extends SessionSnapshot {

    private final SqlSessionService service;
    private final long pk;

    SqlSession(SqlSessionService service, long pk, String id, String appName, String userId,
            String agentId, Map<String, Object> metadata, Instant createdAt, Instant updatedAt,
            Map<String, Object> state, long lastSequence) {
        super(id, appName, userId, agentId, metadata, createdAt, updatedAt, state, lastSequence);
        this.service = service;
        this.pk = pk;
    }

    long pk() {
        return pk;
    }

    @Override
    public Event addEvent(AddEventOptions options) {
        return service.addEvent(this, options);
    }

    @Override
    protected List<Event> readEvents(long afterSequence, int limit) {
        return service.events(this, afterSequence, null, limit);
    }

    @Override
    protected List<Event> readEvents(long afterSequence, Instant notBefore, int limit) {
        return service.events(this, afterSequence, notBefore, limit);
    }

    @Override
    protected List<Event> readPage(long afterSequence, int pageSize) {
        return service.page(this, afterSequence, pageSize);
    }
}
