package dev.agentsession.spring.boot;

import dev.agentsession.SessionService;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The store's health on Spring Boot 4: up when the store answers a read, with the store's description and, for a database store, its
 * schema version; down with the failure otherwise.
 */
public class AgentSessionBoot4HealthIndicator extends AbstractHealthIndicator {

    private final SessionService store;

    /**
     * @param store the store to check
     */
    public AgentSessionBoot4HealthIndicator(SessionService store) {
        super("agent-session store check failed");
        this.store = store;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up().withDetails(StoreFacts.check(store));
    }
}
