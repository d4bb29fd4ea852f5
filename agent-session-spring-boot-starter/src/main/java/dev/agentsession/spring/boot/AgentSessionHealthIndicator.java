package dev.agentsession.spring.boot;

import dev.agentsession.SessionService;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The store's health on Spring Boot 3: up when the store answers a read, with the store's description and, for a database store, its
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
        builder.up().withDetails(StoreFacts.check(store));
    }
}
