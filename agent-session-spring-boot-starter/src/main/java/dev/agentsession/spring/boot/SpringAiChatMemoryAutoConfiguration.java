package dev.agentsession.spring.boot;

import dev.agentsession.SessionService;
import dev.agentsession.springai.SessionChatMemoryRepository;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Spring AI's chat memory in the session store: a {@link SessionChatMemoryRepository} in the
 * {@code agent-session.chat-memory} scope and a {@link MessageWindowChatMemory} over it. Runs
 * before Spring AI's own chat-memory auto-configurations, so these are the beans they find.
 */
@AutoConfiguration(after = AgentSessionAutoConfiguration.class, beforeName = {
    "org.springframework.ai.model.chat.memory.autoconfigure.ChatMemoryAutoConfiguration",
    "org.springframework.ai.model.chat.memory.repository.jdbc.autoconfigure.JdbcChatMemoryRepositoryAutoConfiguration"})
@ConditionalOnClass(name = {
    "org.springframework.ai.chat.memory.ChatMemoryRepository",
    "dev.agentsession.springai.SessionChatMemoryRepository"})
@ConditionalOnBean(SessionService.class)
public class SpringAiChatMemoryAutoConfiguration {

    /** The repository, in the configured scope. */
    @Bean
    @ConditionalOnMissingBean
    public ChatMemoryRepository chatMemoryRepository(SessionService store, AgentSessionProperties properties) {
        return SessionChatMemoryRepository.builder(store)
                .scope(properties.getChatMemory().getAppName(), properties.getChatMemory().getUserId())
                .build();
    }

    /** A message window over the repository. */
    @Bean
    @ConditionalOnMissingBean
    public ChatMemory chatMemory(ChatMemoryRepository repository, AgentSessionProperties properties) {
        return MessageWindowChatMemory.builder().chatMemoryRepository(repository)
                .maxMessages(properties.getChatMemory().getMaxMessages()).build();
    }
}
