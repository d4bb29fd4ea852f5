package dev.agentsession.spring.boot;

import dev.agentsession.GetRequest;
import dev.agentsession.SessionService;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Up when the store answers a read, with the store's description and, for a database store, its
 * schema version; down with the failure otherwise.
 */
public class AgentSessionHealthIndicator extends AbstractHealthIndicator {

    private final SessionService store;

    /**
     * @param store the store to check
     */
    public AgentSessionHealthIndicator(SessionService store) {
        super("agent-session store check failed");
        this.store = store;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        store.get(new GetRequest("agent-session", "health", "probe"));
        builder.up().withDetail("store", store.toString());
        String version = StoreFacts.schemaVersion(store);
        if (version != null) {
            builder.withDetail("schemaVersion", version);
        }
    }
}
