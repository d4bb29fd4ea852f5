package dev.agentsession.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.SessionService;
import dev.agentsession.conformance.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * An application written only against the starter's documented properties: it keeps a
 * {@link ChatClient} conversation with memory, stops, starts again and finds the conversation.
 */
class StarterApplicationTest {

    @TempDir
    Path folder;

    /** The application: a scripted model and a chat client with the starter's chat memory. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ChatApplication {

        /** Answers with what the user has said so far, as the prompt (memory included) holds it. */
        @Bean
        ChatModel chatModel() {
            return new ChatModel() {
                @Override
                public ChatResponse call(Prompt prompt) {
                    String said = prompt.getInstructions().stream().filter(UserMessage.class::isInstance)
                            .map(message -> message.getText()).collect(Collectors.joining(" | "));
                    return new ChatResponse(List.of(new Generation(new AssistantMessage("You said: " + said))));
                }
            };
        }

        @Bean
        ChatClient chatClient(ChatModel model, ChatMemory memory) {
            return ChatClient.builder(model).defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build()).build();
        }
    }

    private static String ask(ConfigurableApplicationContext app, String question) {
        return app.getBean(ChatClient.class).prompt().user(question)
                .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "ada-1")).call().content();
    }

    /** Starts the application: its own database and migrations, and the store at {@code url}. */
    private ConfigurableApplicationContext start(String url) {
        return new SpringApplicationBuilder(ChatApplication.class).web(WebApplicationType.NONE)
                .properties("agent-session.url=" + url, "agent-session.chat-memory.app-name=chat-app",
                        "agent-session.chat-memory.user-id=ada",
                        "spring.datasource.url=jdbc:sqlite:" + folder.resolve("application.db"),
                        "spring.flyway.locations=classpath:app/migration")
                .run();
    }

    private void conversationSurvivesRestart(String url) {
        try (ConfigurableApplicationContext app = start(url)) {
            assertThat(ask(app, "My name is Ada.")).isEqualTo("You said: My name is Ada.");
        }
        try (ConfigurableApplicationContext app = start(url)) {
            assertThat(ask(app, "What is my name?")).isEqualTo("You said: My name is Ada. | What is my name?");
            List<Event> stored = app.getBean(SessionService.class).get(new GetRequest("chat-app", "ada", "ada-1"))
                    .orElseThrow().events(EventsOptions.all());
            assertThat(stored).extracting(Event::author).containsExactly("user", "assistant", "user", "assistant");
        }
    }

    @Test
    @DisplayName("on SQLite, the conversation is there after a restart")
    void sqlite() {
        conversationSurvivesRestart("sqlite:" + folder.resolve("app.db"));
    }

    @Test
    @DisplayName("on PostgreSQL, the conversation is there after a restart")
    void postgres() throws Exception {
        conversationSurvivesRestart(TestDatabase.POSTGRES.freshStoreUrl(() -> null));
    }
}
