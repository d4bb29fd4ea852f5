package dev.agentsession.spring.boot;

import com.google.adk.sessions.BaseSessionService;
import dev.agentsession.SessionService;
import dev.agentsession.adk.AdkSessionService;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Google ADK's session service in the session store. */
@AutoConfiguration(after = AgentSessionAutoConfiguration.class)
@ConditionalOnClass(name = {
    "com.google.adk.sessions.BaseSessionService",
    "dev.agentsession.adk.AdkSessionService"})
@ConditionalOnBean(SessionService.class)
public class AdkSessionServiceAutoConfiguration {

    /** The ADK session service. */
    @Bean
    @ConditionalOnMissingBean
    public BaseSessionService adkSessionService(SessionService store) {
        return AdkSessionService.over(store);
    }
}
