package dev.agentsession.examples.boot;

import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.SessionService;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application with a Spring AI {@link ChatClient} whose memory the starter keeps in
 * a SQLite file (see {@code application.properties}; {@code --agent-session.url=...} picks another
 * store). Each run asks one question; the scripted model answers from the conversation memory
 * hands it, so a second run shows the first run's turn came back. Then it prints the stored
 * conversation.
 */
@SpringBootApplication
public class ChatApplication {

    static final String CONVERSATION = "ada-1";

    /** Starts the application. */
    public static void main(String[] args) {
        SpringApplication.run(ChatApplication.class, args).close();
    }

    /** A model that needs no API key: it answers with what the user has said, as the prompt holds it. */
    @Bean
    ChatModel chatModel() {
        return new ChatModel() {
            @Override
            public ChatResponse call(Prompt prompt) {
                List<String> said = prompt.getInstructions().stream().filter(UserMessage.class::isInstance)
                        .map(message -> message.getText()).toList();
                return new ChatResponse(List.of(new Generation(new AssistantMessage("You have said "
                        + said.size() + " thing(s): " + String.join(" / ", said)))));
            }
        };
    }

    /** The chat client, with the starter's chat memory. */
    @Bean
    ChatClient chatClient(ChatModel model, ChatMemory memory) {
        return ChatClient.builder(model).defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build()).build();
    }

    /** Takes one turn and prints the stored conversation. */
    @Bean
    CommandLineRunner turn(ChatClient chat, SessionService store) {
        return args -> run(chat, store, System.out);
    }

    static void run(ChatClient chat, SessionService store, PrintStream out) {
        out.println("Store: " + store);
        String question = store.get(new GetRequest("boot-example", "ada", CONVERSATION)).isEmpty()
                ? "Hello, my name is Ada." : "Do you remember me?";
        out.println("user> " + question);
        out.println("model> " + chat.prompt().user(question)
                .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, CONVERSATION)).call().content());
        List<Event> events = store.get(new GetRequest("boot-example", "ada", CONVERSATION)).orElseThrow()
                .events(EventsOptions.all());
        out.println("Stored conversation (" + events.size() + " events):");
        out.println(events.stream().map(e -> "  " + e.sequence() + ". " + e.author() + ": " + e.content())
                .collect(Collectors.joining("\n")));
    }
}
