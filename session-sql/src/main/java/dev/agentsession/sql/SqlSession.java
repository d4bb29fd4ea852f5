package dev.agentsession.sql;

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

/**
 * A handle on a stored session: its internal key, which no other session ever takes, and the
 * snapshot of its fields read with it.
 */
final class SqlSession implements Session {

    private final SqlSessionService service;
    private final long pk;
    private final String id;
    private final String appName;
    private final String userId;
    private final String agentId;
    private final Map<String, Object> metadata;
    private final Instant createdAt;
    private final Instant updatedAt;

    SqlSession(SqlSessionService service, long pk, String id, String appName, String userId,
            String agentId, Map<String, Object> metadata, Instant createdAt, Instant updatedAt) {
        this.service = service;
        this.pk = pk;
        this.id = id;
        this.appName = appName;
        this.userId = userId;
        this.agentId = agentId;
        this.metadata = metadata;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    long pk() {
        return pk;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String appName() {
        return appName;
    }

    @Override
    public String userId() {
        return userId;
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
        return service.addEvent(this, options);
    }

    @Override
    public List<Event> events(EventsOptions options) {
        InputRules.requireNonNull("options", options);
        return service.events(this, options.afterSequence(), options.limit());
    }

    @Override
    public Stream<Event> streamEvents(long afterSequence) {
        service.checkOpen();
        return EventPages.stream(afterSequence, after -> service.page(this, after));
    }

    @Override
    public String toString() {
        return "Session[app=" + appName + ", user=" + userId + ", id=" + id + ", updatedAt=" + updatedAt + "]";
    }
}
