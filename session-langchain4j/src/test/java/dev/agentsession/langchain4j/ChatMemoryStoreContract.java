package dev.agentsession.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentsession.Action;
import dev.agentsession.AddEventOptions;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.SessionService;
import dev.agentsession.chat.ConversationScopeResolver;
import dev.agentsession.chat.ConversationStore;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.CustomMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.memory.chat.TokenWindowChatMemory;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The LangChain4j chat memory store on one backend. */
abstract class ChatMemoryStoreContract {

    static final String APP = "assistant";
    static final String USER = "ada";

    SessionService store;
    SessionChatMemoryStore memoryStore;

    /** @return a new, empty store */
    abstract SessionService openStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = openStore();
        memoryStore = SessionChatMemoryStore.builder(store).scope(APP, USER).build();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    @DisplayName("every message type comes back equal; attributes keep their Java types; isError null and false stay apart")
    void everyMessageTypeIsLossless() {
        List<ChatMessage> messages = allKinds();

        memoryStore.updateMessages("kinds", messages);

        List<ChatMessage> read = memoryStore.getMessages("kinds");
        assertThat(read).containsExactlyElementsOf(messages);
        assertThat(((AiMessage) read.get(2)).attributes().get("tokens")).isInstanceOf(Integer.class);
        assertThat(((ToolExecutionResultMessage) read.get(3)).isError()).isNull();
        assertThat(((ToolExecutionResultMessage) read.get(4)).isError()).isFalse();
        assertThat(memoryStore.getMessages("unknown")).isEmpty();
    }

    @Test
    @DisplayName("updates append only the new messages; a trimmed window hides, never deletes")
    void appendOnlyWithWindow() {
        List<ChatMessage> first = List.of(SystemMessage.from("Be brief."), UserMessage.from("a"), AiMessage.from("b"));
        memoryStore.updateMessages(7, first);
        memoryStore.updateMessages(7, memoryStore.getMessages(7));
        assertThat(lastSequence("7")).isEqualTo(3);

        List<ChatMessage> trimmed = List.of(first.get(0), first.get(2), UserMessage.from("c"));
        memoryStore.updateMessages(7, trimmed);

        assertThat(memoryStore.getMessages(7)).containsExactlyElementsOf(trimmed);
        assertThat(history("7")).extracting(Event::content).containsExactly("Be brief.", "a", "b", "c");
        memoryStore.deleteMessages(7);
        assertThat(memoryStore.getMessages(7)).isEmpty();
        assertThat(store.get(new GetRequest(APP, USER, "7"))).isEmpty();
        assertThatThrownBy(() -> memoryStore.getMessages(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("memoryId");
    }

    @Test
    @DisplayName("the store reads without LangChain4j: author, text, thinking as reasoning, tool requests with results")
    void readableWithoutLangChain4j() {
        memoryStore.updateMessages("plain", allKinds());

        List<Event> events = history("plain");
        assertThat(events).extracting(Event::author).containsExactly("system", "user", "ai", "tool_execution_result",
                "tool_execution_result", "ai", "custom", "user");
        assertThat(events.get(1).content()).isEqualTo("What is the weather in Paris?");
        assertThat(events.get(2).reasoning()).isEqualTo("The user wants the weather.");
        assertThat(events.get(2).actions()).containsExactly(new Action("getWeather", Map.of("city", "Paris"), null));
        assertThat(events.get(3).actions()).containsExactly(new Action("getWeather", Map.of("city", "Paris"),
                Map.of("forecast", "sunny")));
        assertThat(events.get(5).content()).isEqualTo("It is sunny in Paris.");
    }

    @Test
    @DisplayName("MessageWindowChatMemory and TokenWindowChatMemory keep their windows right and the history whole")
    void windowMemories() {
        ChatMemory messages = MessageWindowChatMemory.builder().id("m").maxMessages(6).chatMemoryStore(memoryStore)
                .build();
        ChatMemory tokens = TokenWindowChatMemory.builder().id("t").maxTokens(12, new WordCount())
                .chatMemoryStore(memoryStore).build();
        for (ChatMemory memory : List.of(messages, tokens)) {
            memory.add(SystemMessage.from("Be brief."));
            for (int turn = 0; turn < 40; turn++) {
                memory.add(UserMessage.from("question " + turn));
                memory.add(AiMessage.from("answer " + turn));
            }
        }

        assertThat(messages.messages()).hasSize(6).startsWith(SystemMessage.from("Be brief."))
                .endsWith(AiMessage.from("answer 39"));
        assertThat(tokens.messages()).startsWith(SystemMessage.from("Be brief.")).endsWith(AiMessage.from("answer 39"));
        assertThat(new WordCount().estimateTokenCountInMessages(tokens.messages())).isLessThanOrEqualTo(12);
        assertThat(history("m")).filteredOn(e -> !e.author().equals("chat-memory")).hasSize(81);
        assertThat(history("t")).filteredOn(e -> !e.author().equals("chat-memory")).hasSize(81);
    }

    @Test
    @DisplayName("the LangChain4j page's example: an AiServices assistant with a tool and a memory per id")
    void langchain4jPageExample() {
        ChatModel chatModel = new ScriptedModel();
        // tag::langchain4j-page[]
        SessionChatMemoryStore memoryStore = SessionChatMemoryStore.builder(store).scope("assistant", "default").build();
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(chatModel)
                .chatMemoryProvider(id -> MessageWindowChatMemory.builder().id(id).maxMessages(20)
                        .chatMemoryStore(memoryStore).build())
                .tools(new WeatherTools())
                .build();
        assistant.chat("alice", "What is the weather in Paris?");   // interface method: chat(@MemoryId String, @UserMessage String)
        // end::langchain4j-page[]
        assertThat(memoryStore.getMessages("alice")).hasSize(4).last()
                .isEqualTo(AiMessage.from("The tool says: sunny in Paris"));
    }

    @Test
    @DisplayName("an AiServices assistant with a tool keeps two users apart by @MemoryId, each conversation complete")
    void aiServicesWithTwoUsers() {
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(new ScriptedModel())
                .chatMemoryProvider(id -> MessageWindowChatMemory.builder().id(id).maxMessages(50)
                        .chatMemoryStore(memoryStore).build())
                .tools(new WeatherTools())
                .build();

        String paris = assistant.chat("alice", "What is the weather in Paris?");
        String kyoto = assistant.chat("bob", "What is the weather in Kyoto?");
        String thanks = assistant.chat("alice", "Thanks!");

        assertThat(paris).isEqualTo("The tool says: sunny in Paris");
        assertThat(kyoto).isEqualTo("The tool says: sunny in Kyoto");
        assertThat(thanks).isEqualTo("You have sent 2 messages.");
        assertThat(memoryStore.getMessages("alice")).extracting(ChatMessage::type).extracting(Enum::name)
                .containsExactly("USER", "AI", "TOOL_EXECUTION_RESULT", "AI", "USER", "AI");
        assertThat(memoryStore.getMessages("bob")).hasSize(4)
                .noneMatch(message -> message.toString().contains("Paris"));
        assertThat(history("alice").get(2).actions()).containsExactly(new Action("getWeather", Map.of("city", "Paris"),
                "sunny in Paris"));
    }

    @RepeatedTest(5)
    @DisplayName("two threads adding to one memory lose nothing and store nothing twice")
    void concurrentAdds() throws Exception {
        ChatMemory memory = MessageWindowChatMemory.builder().id("shared").maxMessages(1_000)
                .chatMemoryStore(memoryStore).build();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String who : List.of("left", "right")) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 25; i++) {
                        memory.add(UserMessage.from(who + " " + i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(history("shared")).filteredOn(e -> e.author().equals("user")).hasSize(50);
        assertThat(memoryStore.getMessages("shared")).hasSize(50).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("a save that lost its race keeps the messages it read as they are, even when they were decoded again")
    void raceLostAfterTheEventsWereDecodedAgain() {
        // No cache: every read decodes the events into new objects, as after an eviction or another thread's read.
        ConversationStore<ChatMessage> conversations = new ConversationStore<>(store,
                ConversationScopeResolver.fixed(APP, USER), "langchain4j", LangChain4jMessages.CODEC, 0);
        conversations.save("raced", List.of(UserMessage.from("hello"), AiMessage.from("hi")));
        List<ChatMessage> read = new ArrayList<>(conversations.find("raced"));
        // another writer appends an event of its own: the session moves on, the window does not
        store.get(new GetRequest(APP, USER, "raced")).orElseThrow()
                .addEvent(AddEventOptions.builder("audit").content("checked").build());

        read.add(UserMessage.from("and now?"));
        conversations.save("raced", read);

        assertThat(conversations.find("raced")).extracting(ChatMessage::type).extracting(Enum::name)
                .containsExactly("USER", "AI", "USER");
        assertThat(history("raced")).extracting(Event::content).containsExactly("hello", "hi", "checked", "and now?");
    }

    @Test
    @DisplayName("a save after the conversation was deleted and made again since its read shows exactly what it saves")
    void saveAfterTheConversationWasMadeAgain() {
        memoryStore.updateMessages("again", List.of(UserMessage.from("first"), AiMessage.from("one"),
                UserMessage.from("second"), AiMessage.from("two")));
        List<ChatMessage> read = new ArrayList<>(memoryStore.getMessages("again"));
        // meanwhile another process deletes the conversation and starts it again with other messages
        SessionChatMemoryStore other = SessionChatMemoryStore.builder(store).scope(APP, USER).build();
        other.deleteMessages("again");
        other.updateMessages("again", List.of(UserMessage.from("elsewhere"), AiMessage.from("there")));

        read.add(UserMessage.from("third"));
        memoryStore.updateMessages("again", read);

        assertThat(memoryStore.getMessages("again")).containsExactlyElementsOf(read);
        assertThat(history("again")).extracting(Event::content)
                .containsExactly("elsewhere", "there", "first", "one", "second", "two", "third");
    }

    // ------------------------------------------------------------ helpers

    interface Assistant {
        String chat(@MemoryId String user, @dev.langchain4j.service.UserMessage String message);
    }

    /** The tool of the assistant. */
    public static final class WeatherTools {
        @Tool("Returns the current weather of a city")
        public String getWeather(@P("the city") String city) {
            return "sunny in " + city;
        }
    }

    /** Calls the weather tool for "weather in X", answers from a tool result, else counts the user turns. */
    static final class ScriptedModel implements ChatModel {
        private static final Pattern WEATHER = Pattern.compile("weather in (\\w+)");
        private final AtomicInteger calls = new AtomicInteger();

        @Override
        public ChatResponse doChat(ChatRequest request) {
            List<ChatMessage> messages = request.messages();
            ChatMessage last = messages.get(messages.size() - 1);
            AiMessage reply;
            if (last instanceof ToolExecutionResultMessage result) {
                reply = AiMessage.from("The tool says: " + result.text());
            } else {
                Matcher weather = WEATHER.matcher(((UserMessage) last).singleText());
                if (weather.find()) {
                    reply = AiMessage.from(ToolExecutionRequest.builder().id("call-" + calls.incrementAndGet())
                            .name("getWeather").arguments("{\"city\":\"" + weather.group(1) + "\"}").build());
                } else {
                    long turns = messages.stream().filter(UserMessage.class::isInstance).count();
                    reply = AiMessage.from("You have sent " + turns + " messages.");
                }
            }
            return ChatResponse.builder().aiMessage(reply).build();
        }
    }

    /** Counts words as tokens. */
    static final class WordCount implements TokenCountEstimator {
        @Override
        public int estimateTokenCountInText(String text) {
            return text == null || text.isBlank() ? 0 : text.trim().split("\\s+").length;
        }

        @Override
        public int estimateTokenCountInMessage(ChatMessage message) {
            String text = switch (message.type()) {
                case SYSTEM -> ((SystemMessage) message).text();
                case USER -> ((UserMessage) message).singleText();
                case AI -> ((AiMessage) message).text();
                default -> "";
            };
            return estimateTokenCountInText(text);
        }

        @Override
        public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
            int total = 0;
            for (ChatMessage message : messages) {
                total += estimateTokenCountInMessage(message);
            }
            return total;
        }
    }

    List<Event> history(String conversationId) {
        return store.get(new GetRequest(APP, USER, conversationId)).orElseThrow().events(EventsOptions.all());
    }

    long lastSequence(String conversationId) {
        return store.get(new GetRequest(APP, USER, conversationId)).orElseThrow().lastSequence();
    }

    static List<ChatMessage> allKinds() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("tokens", 12);
        attributes.put("model", "scripted");
        AiMessage call = AiMessage.builder()
                .thinking("The user wants the weather.")
                .toolExecutionRequests(List.of(ToolExecutionRequest.builder().id("call-1").name("getWeather")
                        .arguments("{\"city\":\"Paris\"}").build()))
                .attributes(attributes)
                .build();
        UserMessage user = UserMessage.builder().name("ada")
                .contents(List.of(TextContent.from("What is the weather in Paris?"),
                        ImageContent.from("https://example.com/paris.png")))
                .attributes(Map.of("channel", "web"))
                .build();
        return List.of(
                SystemMessage.from("You are a travel agent."),
                UserMessage.from("What is the weather in Paris?"),
                call,
                ToolExecutionResultMessage.from(call.toolExecutionRequests().get(0), "{\"forecast\":\"sunny\"}"),
                ToolExecutionResultMessage.builder().id("call-1").toolName("getWeather").text("{\"forecast\":\"sunny\"}")
                        .isError(false).build(),
                AiMessage.from("It is sunny in Paris."),
                new CustomMessage(Map.of("kind", "note", "weight", 2)),
                user);
    }
}
