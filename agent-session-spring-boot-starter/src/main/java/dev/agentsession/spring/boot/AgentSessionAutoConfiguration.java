package dev.agentsession.spring.boot;

import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import dev.agentsession.SessionStoreConfig;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;

/**
 * The session store: opened from {@code agent-session.url} when it is set, otherwise over the
 * application's {@link DataSource} (the backend chosen from the database it reaches), after the
 * application's own database initialization (its Flyway or Liquibase migrations) has run. Closed
 * when the application context closes. An application's own {@link SessionService} bean replaces it.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
@EnableConfigurationProperties(AgentSessionProperties.class)
public class AgentSessionAutoConfiguration {

    /**
     * @throws AgentSessionConfigurationException when neither a URL nor a DataSource is there, the
     *     URL names no known store, or its backend module is missing
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @DependsOnDatabaseInitialization
    public SessionService sessionService(AgentSessionProperties properties, ObjectProvider<DataSource> dataSource) {
        String url = properties.getUrl();
        try {
            if (url != null && !url.isBlank()) {
                SessionStoreConfig.Builder config = SessionStoreConfig.builder(url)
                        .user(properties.getUser())
                        .password(properties.getPassword())
                        .maxPoolSize(properties.getPoolSize())
                        .migrate(properties.isMigrate());
                AgentSessionProperties.Retry retry = properties.getRetry();
                if (retry.getMaxAttempts() != null) {
                    config.option("retry.maxAttempts", String.valueOf(retry.getMaxAttempts()));
                }
                if (retry.getInitialBackoff() != null) {
                    config.option("retry.initialBackoff", retry.getInitialBackoff().toString());
                }
                if (retry.getMaxBackoff() != null) {
                    config.option("retry.maxBackoff", retry.getMaxBackoff().toString());
                }
                return SessionServices.open(config.build());
            }
            DataSource available = dataSource.getIfUnique();
            if (available == null) {
                throw new AgentSessionConfigurationException("no session store is configured: set agent-session.url"
                        + " (such as sqlite:./sessions.db or jdbc:postgresql://host/db), or define one DataSource bean");
            }
            return SessionServices.open(available, properties.isMigrate());
        } catch (IllegalArgumentException e) {
            throw new AgentSessionConfigurationException("agent-session cannot open its store: " + e.getMessage(), e);
        }
    }
}
