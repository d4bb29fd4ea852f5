package dev.agentsession.spring.boot;

import dev.agentsession.SessionService;
import dev.agentsession.langchain4j.SessionChatMemoryStore;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** LangChain4j's chat memory store in the session store, in the {@code agent-session.chat-memory} scope. */
@AutoConfiguration(after = AgentSessionAutoConfiguration.class)
@ConditionalOnClass(name = {
    "dev.langchain4j.store.memory.chat.ChatMemoryStore",
    "dev.agentsession.langchain4j.SessionChatMemoryStore"})
@ConditionalOnBean(SessionService.class)
public class LangChain4jChatMemoryAutoConfiguration {

    /** The chat memory store. */
    @Bean
    @ConditionalOnMissingBean
    public ChatMemoryStore chatMemoryStore(SessionService store, AgentSessionProperties properties) {
        return SessionChatMemoryStore.builder(store)
                .scope(properties.getChatMemory().getAppName(), properties.getChatMemory().getUserId())
                .build();
    }
}
