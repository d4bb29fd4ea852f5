package dev.agentsession.spring.boot;

import dev.agentsession.SessionService;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The store's health indicator, {@code agentSession}, when Spring Boot Actuator 3 is present. */
@AutoConfiguration(after = AgentSessionAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.AbstractHealthIndicator")
@ConditionalOnBean(SessionService.class)
public class AgentSessionHealthAutoConfiguration {

    /** The health indicator. */
    @Bean(name = "agentSessionHealthIndicator")
    @ConditionalOnMissingBean(name = "agentSessionHealthIndicator")
    public AgentSessionHealthIndicator agentSessionHealthIndicator(SessionService store) {
        return new AgentSessionHealthIndicator(store);
    }
}
