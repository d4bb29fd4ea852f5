package dev.agentsession.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.adk.sessions.BaseSessionService;
import dev.agentsession.CreateRequest;
import dev.agentsession.GetRequest;
import dev.agentsession.RetryPolicy;
import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import dev.agentsession.adk.AdkSessionService;
import dev.agentsession.chat.ConversationScope;
import dev.agentsession.conformance.TestDatabase;
import dev.agentsession.langchain4j.SessionChatMemoryStore;
import dev.agentsession.springai.SessionChatMemoryRepository;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.memory.InMemoryChatMemoryRepository;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.model.chat.memory.autoconfigure.ChatMemoryAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.sqlite.SQLiteDataSource;

/** Each bean of the starter, each condition, on this Boot line. */
class StarterConditionsTest {

    @TempDir
    Path folder;

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(AgentSessionAutoConfiguration.class, SpringAiChatMemoryAutoConfiguration.class,
                    LangChain4jChatMemoryAutoConfiguration.class, AdkSessionServiceAutoConfiguration.class,
                    AgentSessionHealthAutoConfiguration.class, ChatMemoryAutoConfiguration.class));

    private String sqliteUrl() {
        return "sqlite:" + folder.resolve("starter.db");
    }

    @Test
    @DisplayName("agent-session.url opens the store, and closing the context closes it")
    void storeFromUrl() {
        SessionService[] opened = new SessionService[1];
        runner.withPropertyValues("agent-session.url=" + sqliteUrl()).run(context -> {
            assertThat(context).hasSingleBean(SessionService.class);
            opened[0] = context.getBean(SessionService.class);
            assertThat(opened[0].create(CreateRequest.of("app", "user", "agent")).id()).isNotBlank();
        });
        assertThatThrownBy(() -> opened[0].get(new GetRequest("app", "user", "x")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("without a URL the application's DataSource is used, its database detected")
    void storeFromDataSource() {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:" + sqliteUrl());
        runner.withBean(DataSource.class, () -> dataSource).run(context -> {
            assertThat(context).hasSingleBean(SessionService.class);
            assertThat(context.getBean(SessionService.class).toString()).contains("starter.db");
        });
    }

    @Test
    @DisplayName("beside the application's own DataSource and Flyway migrations, each keeps its own schema history")
    void besideTheApplicationsFlyway() throws Exception {
        String file = folder.resolve("shared.db").toString();
        runner.withConfiguration(AutoConfigurations.of(
                        bootClass("org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
                                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"),
                        bootClass("org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
                                "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration")))
                .withPropertyValues("spring.datasource.url=jdbc:sqlite:" + file,
                        "spring.flyway.locations=classpath:app/migration")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SessionService store = context.getBean(SessionService.class);
                    assertThat(store.toString()).contains("shared.db");
                    DataSource dataSource = context.getBean(DataSource.class);
                    try (Connection connection = dataSource.getConnection();
                         Statement statement = connection.createStatement()) {
                        assertThat(column(statement, "SELECT script FROM flyway_schema_history WHERE version IS NOT NULL"))
                                .containsExactly("V1__app_notes.sql");
                        // the application's Flyway ran first; the store started from a baseline at 0 in its schema
                        assertThat(column(statement, "SELECT version FROM agent_session_schema_history"))
                                .containsExactly("0", "1", "2", "3", "4", "5");
                    }
                });
    }

    private static Class<?> bootClass(String bootThree, String bootFour) throws ClassNotFoundException {
        try {
            return Class.forName(bootThree);
        } catch (ClassNotFoundException e) {
            return Class.forName(bootFour);
        }
    }

    private static List<String> column(Statement statement, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    @Test
    @DisplayName("no URL and no DataSource: startup fails with one message saying what to set")
    void nothingConfigured() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(AgentSessionConfigurationException.class)
                    .hasMessageContaining("set agent-session.url");
        });
    }

    @Test
    @DisplayName("a URL of no known kind fails startup naming the kinds; the failure analyzer says what to do")
    void badUrl() {
        runner.withPropertyValues("agent-session.url=redis://localhost").run(context -> {
            assertThat(context).hasFailed();
            Throwable root = context.getStartupFailure();
            while (root.getCause() != null && !(root instanceof AgentSessionConfigurationException)) {
                root = root.getCause();
            }
            assertThat(root).isInstanceOf(AgentSessionConfigurationException.class)
                    .hasMessageContaining("unknown store URL").hasMessageContaining("sqlite:PATH");
            FailureAnalysis analysis = new AgentSessionFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("unknown store URL");
            assertThat(analysis.getAction()).contains("agent-session.url");
        });
    }

    @Test
    @DisplayName("agent-session.retry.* reach the store's retry policy; a value it cannot take fails startup naming it")
    void retrySettings() throws Exception {
        String url = TestDatabase.POSTGRES.freshStoreUrl(() -> null);
        runner.withPropertyValues("agent-session.url=" + url, "agent-session.retry.max-attempts=3",
                "agent-session.retry.initial-backoff=5ms", "agent-session.retry.max-backoff=50ms").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(SessionService.class)).extracting("database").extracting("retryPolicy")
                            .isEqualTo(new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(50)));
                });
        runner.withPropertyValues("agent-session.url=" + url, "agent-session.retry.max-attempts=0").run(context -> {
            assertThat(context).hasFailed();
            Throwable root = context.getStartupFailure();
            while (root.getCause() != null && !(root instanceof AgentSessionConfigurationException)) {
                root = root.getCause();
            }
            assertThat(root).isInstanceOf(AgentSessionConfigurationException.class)
                    .hasMessageContaining("maxAttempts must be at least 1, was 0");
        });
    }

    @Test
    @DisplayName("a missing backend module fails startup naming the module to add")
    void missingBackend() {
        runner.withClassLoader(new FilteredClassLoader(
                        new ClassPathResource("META-INF/services/dev.agentsession.spi.SessionServiceProvider")))
                .withPropertyValues("agent-session.url=" + sqliteUrl()).run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("add the dependency dev.agentsession:session-sqlite");
                });
    }

    @Test
    @DisplayName("the application's own beans win over the starter's")
    void ownBeansWin() {
        SessionService own = SessionServices.open("sqlite:" + folder.resolve("own.db"));
        runner.withBean(SessionService.class, () -> own)
                .withBean(ChatMemoryRepository.class, InMemoryChatMemoryRepository::new)
                .run(context -> {
                    assertThat(context.getBean(SessionService.class)).isSameAs(own);
                    assertThat(context.getBean(ChatMemoryRepository.class))
                            .isNotInstanceOf(SessionChatMemoryRepository.class);
                });
        own.close();
    }

    /** The Spring Boot page's own repository, which keeps each end user in their own scope. */
    @Configuration(proxyBeanMethods = false)
    static class PerUserRepository {
        // tag::spring-boot-page[]
        @Bean
        ChatMemoryRepository chatMemoryRepository(SessionService store) {
            return SessionChatMemoryRepository.builder(store)
                    .scopeResolver(conversationId -> new ConversationScope("my-app", currentUserId()))
                    .build();
        }
        // end::spring-boot-page[]

        private static String currentUserId() {
            return "ada";
        }
    }

    @Test
    @DisplayName("the Spring Boot page's repository replaces the starter's and keeps each user in their own scope")
    void springBootPageExample() {
        runner.withUserConfiguration(PerUserRepository.class).withPropertyValues("agent-session.url=" + sqliteUrl())
                .run(context -> {
                    ChatMemoryRepository repository = context.getBean(ChatMemoryRepository.class);
                    repository.saveAll("c1", List.of(new UserMessage("hello")));
                    SessionService store = context.getBean(SessionService.class);
                    assertThat(store.get(new GetRequest("my-app", "ada", "c1"))).isPresent();
                    assertThat(repository.findByConversationId("c1")).hasSize(1);
                });
    }

    @Test
    @DisplayName("Spring AI: our repository and a message window over it, ahead of Spring AI's own, in the configured scope")
    void springAi() {
        runner.withPropertyValues("agent-session.url=" + sqliteUrl(), "agent-session.chat-memory.app-name=support",
                "agent-session.chat-memory.user-id=ada", "agent-session.chat-memory.max-messages=7").run(context -> {
                    assertThat(context.getBean(ChatMemoryRepository.class)).isInstanceOf(SessionChatMemoryRepository.class);
                    ChatMemory memory = context.getBean(ChatMemory.class);
                    assertThat(memory).isInstanceOf(MessageWindowChatMemory.class);
                    memory.add("c1", new UserMessage("hello"));
                    SessionService store = context.getBean(SessionService.class);
                    assertThat(store.get(new GetRequest("support", "ada", "c1"))).isPresent();
                });
        runner.withClassLoader(new FilteredClassLoader(SessionChatMemoryRepository.class))
                .withPropertyValues("agent-session.url=" + sqliteUrl()).run(context ->
                        assertThat(context.getBean(ChatMemoryRepository.class))
                                .isNotInstanceOf(SessionChatMemoryRepository.class));
    }

    @Test
    @DisplayName("LangChain4j: a chat memory store when LangChain4j is there, none when it is not")
    void langChain4j() {
        runner.withPropertyValues("agent-session.url=" + sqliteUrl()).run(context ->
                assertThat(context.getBean(ChatMemoryStore.class)).isInstanceOf(SessionChatMemoryStore.class));
        runner.withClassLoader(new FilteredClassLoader(ChatMemoryStore.class))
                .withPropertyValues("agent-session.url=" + sqliteUrl()).run(context ->
                        assertThat(context).doesNotHaveBean("chatMemoryStore"));
    }

    @Test
    @DisplayName("Google ADK: a session service over the store when ADK is there, none when it is not")
    void adk() {
        runner.withPropertyValues("agent-session.url=" + sqliteUrl()).run(context ->
                assertThat(context.getBean(BaseSessionService.class)).isInstanceOf(AdkSessionService.class));
        runner.withClassLoader(new FilteredClassLoader(BaseSessionService.class))
                .withPropertyValues("agent-session.url=" + sqliteUrl()).run(context ->
                        assertThat(context).doesNotHaveBean("adkSessionService"));
    }

    @Test
    @DisplayName("the health indicator reports the store up with its schema version")
    void health() {
        runner.withPropertyValues("agent-session.url=" + sqliteUrl()).run(context -> {
            assertThat(context).hasBean("agentSessionHealthIndicator");
            Object indicator = context.getBean("agentSessionHealthIndicator");
            Object health = indicator.getClass().getMethod("health").invoke(indicator);
            Object status = health.getClass().getMethod("getStatus").invoke(health);
            @SuppressWarnings("unchecked")
            Map<String, Object> details = (Map<String, Object>) health.getClass().getMethod("getDetails").invoke(health);
            assertThat(status.toString()).isEqualTo("UP");
            assertThat(details).containsEntry("schemaVersion", "5");
            assertThat(List.copyOf(details.keySet())).contains("store");
        });
    }
}
