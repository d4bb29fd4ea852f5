package dev.agentsession.spi;

import dev.agentsession.Session;
import java.time.Instant;
import java.util.Map;

/**
 * The part of a {@link Session} handle every backend shares: the fields read with it, which the
 * accessors return without touching the store. A backend extends this and adds the methods that
 * read and write events.
 */
public abstract class SessionSnapshot implements Session {

    private final String id;
    private final String appName;
    private final String userId;
    private final String agentId;
    private final Map<String, Object> metadata;
    private final Instant createdAt;
    private final Instant updatedAt;

    /**
     * @param metadata already an unmodifiable copy (as {@link JsonValues} makes)
     */
    protected SessionSnapshot(String id, String appName, String userId, String agentId,
            Map<String, Object> metadata, Instant createdAt, Instant updatedAt) {
        this.id = id;
        this.appName = appName;
        this.userId = userId;
        this.agentId = agentId;
        this.metadata = metadata;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
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
    public String toString() {
        return "Session[app=" + appName + ", user=" + userId + ", id=" + id + ", updatedAt=" + updatedAt + "]";
    }
}
