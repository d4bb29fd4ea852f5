package dev.agentsession.memory;

import dev.agentsession.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored state of one session. Guarded by the owning service's lock; never handed out.
 * Once deleted it is discarded, so a handle read before the delete cannot reach a new session
 * that later takes the same id.
 */
final class StoredSession {

    final String appName;
    final String userId;
    final String id;
    final String agentId;
    final Map<String, Object> metadata;
    final Instant createdAt;
    Instant updatedAt;
    final List<Event> events = new ArrayList<>();
    /** The session's own state keys (no prefix). */
    final Map<String, Object> state = new HashMap<>();
    /** The events by id, for idempotent appends. */
    private final Map<String, Event> byId = new HashMap<>();
    private boolean discarded;

    StoredSession(String appName, String userId, String id, String agentId,
            Map<String, Object> metadata, Instant createdAt) {
        this.appName = appName;
        this.userId = userId;
        this.id = id;
        this.agentId = agentId;
        this.metadata = metadata;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    void append(Event event) {
        events.add(event);
        byId.put(event.id(), event);
        updatedAt = event.createdAt();
    }

    void discard() {
        discarded = true;
        events.clear();
        byId.clear();
        state.clear();
    }

    /** @return the event with this id, or null */
    Event event(String id) {
        return byId.get(id);
    }

    boolean isDiscarded() {
        return discarded;
    }
}
