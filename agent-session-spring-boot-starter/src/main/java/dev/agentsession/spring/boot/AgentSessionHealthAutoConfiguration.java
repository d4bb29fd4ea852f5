package dev.agentsession.spring.boot;

import dev.agentsession.SessionService;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The store's health indicator, {@code agentSessionHealthIndicator}, when Actuator is present:
 * one class per Boot line, since Boot 4 moved health indicators to another package.
 */
@AutoConfiguration(after = AgentSessionAutoConfiguration.class)
@ConditionalOnBean(SessionService.class)
public class AgentSessionHealthAutoConfiguration {

    /** Spring Boot 3's actuator. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.AbstractHealthIndicator")
    static class Boot3 {

        @Bean(name = "agentSessionHealthIndicator")
        @ConditionalOnMissingBean(name = "agentSessionHealthIndicator")
        AgentSessionHealthIndicator agentSessionHealthIndicator(SessionService store) {
            return new AgentSessionHealthIndicator(store);
        }
    }

    /** Spring Boot 4's health module. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.AbstractHealthIndicator")
    static class Boot4 {

        @Bean(name = "agentSessionHealthIndicator")
        @ConditionalOnMissingBean(name = "agentSessionHealthIndicator")
        AgentSessionBoot4HealthIndicator agentSessionHealthIndicator(SessionService store) {
            return new AgentSessionBoot4HealthIndicator(store);
        }
    }
}
