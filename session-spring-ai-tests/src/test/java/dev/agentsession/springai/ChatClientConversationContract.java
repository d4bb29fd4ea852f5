package dev.agentsession.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.SessionService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.client.advisor.ToolCallAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.core.Ordered;

/**
 * A real {@link ChatClient} with {@link MessageChatMemoryAdvisor} inside the tool-calling loop
 * ({@link ToolCallAdvisor}) and a scripted model that calls a tool, keeping its conversation in
 * the repository over three turns.
 */
abstract class ChatClientConversationContract {

    SessionService store;

    /** @return a new, empty store */
    abstract SessionService openStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = openStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** The tool the model calls. */
    public static final class WeatherTools {
        @Tool(description = "Returns the current weather of a city")
        public String getWeather(String city) {
            return "{\"city\":\"" + city + "\",\"forecast\":\"sunny\",\"celsius\":24}";
        }
    }

    /**
     * A model that calls the weather tool for "weather in X", answers from a tool result, and
     * otherwise says how many user turns it was sent: it records everything it returns and the
     * tool results it receives.
     */
    static final class ScriptedModel implements ChatModel {
        private static final Pattern WEATHER = Pattern.compile("weather in (\\w+)");
        final List<Message> exchanged = new CopyOnWriteArrayList<>();
        private int calls;

        @Override
        public ChatResponse call(Prompt prompt) {
            List<Message> messages = prompt.getInstructions();
            Message last = messages.get(messages.size() - 1);
            AssistantMessage reply;
            if (last instanceof ToolResponseMessage tool) {
                exchanged.add(tool);
                reply = new AssistantMessage("The tool says: " + tool.getResponses().get(0).responseData());
            } else {
                Matcher weather = WEATHER.matcher(last.getText());
                if (weather.find()) {
                    reply = AssistantMessage.builder().content("")
                            .toolCalls(List.of(new AssistantMessage.ToolCall("call-" + (++calls), "function",
                                    "getWeather", "{\"city\":\"" + weather.group(1) + "\"}")))
                            .build();
                } else {
                    long userTurns = messages.stream().filter(UserMessage.class::isInstance).count();
                    reply = new AssistantMessage("You have sent " + userTurns + " messages.");
                }
            }
            exchanged.add(reply);
            return new ChatResponse(List.of(new Generation(reply)));
        }

        @Override
        public ChatOptions getDefaultOptions() {
            return ToolCallingChatOptions.builder().build();
        }

        /** Spring AI 2 asks this instead of {@link #getDefaultOptions()}. */
        public ChatOptions getOptions() {
            return ToolCallingChatOptions.builder().build();
        }
    }

    @Test
    @DisplayName("the Spring AI page's example: a ChatClient whose memory advisor sits inside the tool loop")
    void springAiPageExample() {
        ChatModel chatModel = new ScriptedModel();
        // tag::spring-ai-page[]
        ChatMemoryRepository repository = SessionChatMemoryRepository.builder(store)
                .scope("support-bot", "default")            // or .scopeResolver(id -> new ConversationScope(app, userOf(id)))
                .build();
        ChatMemory memory = MessageWindowChatMemory.builder().chatMemoryRepository(repository).maxMessages(20).build();

        // The memory advisor inside the tool-calling loop, so the whole tool round (the assistant's tool
        // call, the tool's response) reaches memory, and the loop sends the model only what is new.
        // Both orders explicit: Spring AI 2.0 moved the memory advisor's default outside the loop.
        ChatClient client = ChatClient.builder(chatModel)
                .defaultTools(new WeatherTools())
                .defaultAdvisors(
                        ToolCallAdvisor.builder().conversationHistoryEnabled(false)
                                .advisorOrder(Ordered.HIGHEST_PRECEDENCE + 300).build(),
                        MessageChatMemoryAdvisor.builder(memory).order(Ordered.HIGHEST_PRECEDENCE + 1000).build())
                .build();
        String answer = client.prompt().user("What is the weather in Paris?")
                .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "ada-1")).call().content();
        // end::spring-ai-page[]
        assertThat(answer).contains("sunny");
        assertThat(repository.findByConversationId("ada-1")).hasSize(4);
    }

    @Test
    @DisplayName("three turns with a tool call: the store holds every user turn, tool call, tool result and answer")
    void toolCallingConversation() {
        SessionChatMemoryRepository repository = SessionChatMemoryRepository.builder(store).scope("weather", "ada")
                .build();
        ChatMemory memory = MessageWindowChatMemory.builder().chatMemoryRepository(repository).maxMessages(100).build();
        ScriptedModel model = new ScriptedModel();
        // The memory advisor inside the tool loop (a higher order), so the whole tool round reaches memory;
        // the loop sends the model only its new messages, the memory the rest. Both orders are explicit:
        // Spring AI 2.0 moved the memory advisor's default outside the loop.
        ChatClient client = ChatClient.builder(model)
                .defaultTools(new WeatherTools())
                .defaultAdvisors(
                        ToolCallAdvisor.builder().conversationHistoryEnabled(false)
                                .advisorOrder(Ordered.HIGHEST_PRECEDENCE + 300).build(),
                        MessageChatMemoryAdvisor.builder(memory).order(Ordered.HIGHEST_PRECEDENCE + 1000).build())
                .build();

        List<String> questions = List.of("What is the weather in Paris?", "Thanks!", "And the weather in Kyoto?");
        List<String> answers = questions.stream().map(question -> client.prompt().user(question)
                .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "trip")).call().content()).toList();

        assertThat(answers.get(0)).contains("sunny").contains("Paris");
        assertThat(answers.get(1)).isEqualTo("You have sent 2 messages.");
        List<Message> stored = repository.findByConversationId("trip");
        assertThat(stored).extracting(message -> message.getMessageType().getValue()).containsExactly(
                "user", "assistant", "tool", "assistant",
                "user", "assistant",
                "user", "assistant", "tool", "assistant");
        assertThat(stored.get(0)).isEqualTo(new UserMessage(questions.get(0)));
        assertThat(List.of(stored.get(1), stored.get(2), stored.get(3), stored.get(5), stored.get(7), stored.get(8),
                stored.get(9))).containsExactlyElementsOf(model.exchanged);

        List<Event> events = store.get(new GetRequest("weather", "ada", "trip")).orElseThrow().events(EventsOptions.all());
        assertThat(events).filteredOn(event -> !event.actions().isEmpty()).hasSize(4);
        assertThat(events.get(2).actions().get(0).input()).isEqualTo(Map.of("city", "Paris"));
        assertThat(events.get(2).actions().get(0).output()).isEqualTo(Map.of("city", "Paris", "forecast", "sunny",
                "celsius", 24L));
    }
}
