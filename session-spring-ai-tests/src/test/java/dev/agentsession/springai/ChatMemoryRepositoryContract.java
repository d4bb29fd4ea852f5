package dev.agentsession.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentsession.Action;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.SessionService;
import dev.agentsession.chat.ConversationScope;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.AbstractMessage;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeTypeUtils;

/**
 * The Spring AI chat-memory repository on one backend: the cases of Spring AI's own
 * {@code InMemoryChatMemoryRepositoryTests} under their own names, then what an append-only,
 * lossless repository adds.
 */
abstract class ChatMemoryRepositoryContract {

    static final String APP = "chat-app";
    static final String USER = "ada";

    SessionService store;
    SessionChatMemoryRepository chatMemoryRepository;

    /** @return a new, empty store */
    abstract SessionService openStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = openStore();
        chatMemoryRepository = SessionChatMemoryRepository.builder(store).scope(APP, USER).build();
    }

    @AfterEach
    void close() {
        store.close();
    }

    // ------------------------------------------------------------ Spring AI's InMemoryChatMemoryRepositoryTests

    @Test
    @DisplayName("findConversationIds: the saved conversations, and no deleted one")
    void findConversationIds() {
        String conversationId1 = UUID.randomUUID().toString();
        String conversationId2 = UUID.randomUUID().toString();
        this.chatMemoryRepository.saveAll(conversationId1, List.of(new UserMessage("Hello")));
        this.chatMemoryRepository.saveAll(conversationId2, List.of(new AssistantMessage("Hi there")));

        assertThat(this.chatMemoryRepository.findConversationIds()).containsExactlyInAnyOrder(conversationId1,
                conversationId2);

        this.chatMemoryRepository.deleteByConversationId(conversationId1);
        assertThat(this.chatMemoryRepository.findConversationIds()).containsExactlyInAnyOrder(conversationId2);
    }

    @Test
    @DisplayName("saveMessagesAndFindMultipleMessagesInConversation")
    void saveMessagesAndFindMultipleMessagesInConversation() {
        String conversationId = UUID.randomUUID().toString();
        List<Message> messages = List.of(new AssistantMessage("I, Robot"), new UserMessage("Hello"));

        this.chatMemoryRepository.saveAll(conversationId, messages);

        assertThat(this.chatMemoryRepository.findByConversationId(conversationId)).containsExactlyElementsOf(messages);
        this.chatMemoryRepository.deleteByConversationId(conversationId);
        assertThat(this.chatMemoryRepository.findByConversationId(conversationId)).isEmpty();
    }

    @Test
    @DisplayName("saveMessagesAndFindSingleMessageInConversation")
    void saveMessagesAndFindSingleMessageInConversation() {
        String conversationId = UUID.randomUUID().toString();
        Message message = new UserMessage("Hello");

        this.chatMemoryRepository.saveAll(conversationId, List.of(message));

        assertThat(this.chatMemoryRepository.findByConversationId(conversationId)).containsExactly(message);
        this.chatMemoryRepository.deleteByConversationId(conversationId);
        assertThat(this.chatMemoryRepository.findByConversationId(conversationId)).isEmpty();
    }

    @Test
    @DisplayName("findNonExistingConversation")
    void findNonExistingConversation() {
        assertThat(this.chatMemoryRepository.findByConversationId(UUID.randomUUID().toString())).isEmpty();
    }

    @Test
    @DisplayName("subsequentSaveOverwritesPreviousVersion: the list shown is the last saved; the history keeps both")
    void subsequentSaveOverwritesPreviousVersion() {
        String conversationId = UUID.randomUUID().toString();
        List<Message> firstMessages = List.of(new UserMessage("Hello"));
        List<Message> secondMessages = List.of(new AssistantMessage("Hi there"));

        this.chatMemoryRepository.saveAll(conversationId, firstMessages);
        this.chatMemoryRepository.saveAll(conversationId, secondMessages);

        assertThat(this.chatMemoryRepository.findByConversationId(conversationId))
                .containsExactlyElementsOf(secondMessages);
        assertThat(history(conversationId)).extracting(Event::content).containsExactly("Hello", "Hi there");
    }

    @Test
    @DisplayName("nullConversationIdNotAllowed")
    void nullConversationIdNotAllowed() {
        assertThatThrownBy(() -> this.chatMemoryRepository.saveAll(null, List.of(new UserMessage("Hello"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conversationId cannot be null or empty");
        assertThatThrownBy(() -> this.chatMemoryRepository.findByConversationId(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conversationId cannot be null or empty");
        assertThatThrownBy(() -> this.chatMemoryRepository.deleteByConversationId(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conversationId cannot be null or empty");
    }

    @Test
    @DisplayName("emptyConversationIdNotAllowed")
    void emptyConversationIdNotAllowed() {
        assertThatThrownBy(() -> this.chatMemoryRepository.saveAll("", List.of(new UserMessage("Hello"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conversationId cannot be null or empty");
        assertThatThrownBy(() -> this.chatMemoryRepository.findByConversationId(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conversationId cannot be null or empty");
        assertThatThrownBy(() -> this.chatMemoryRepository.deleteByConversationId(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conversationId cannot be null or empty");
    }

    @Test
    @DisplayName("nullMessagesNotAllowed")
    void nullMessagesNotAllowed() {
        assertThatThrownBy(() -> this.chatMemoryRepository.saveAll(UUID.randomUUID().toString(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("messages cannot be null");
    }

    @Test
    @DisplayName("messagesWithNullElementsNotAllowed")
    void messagesWithNullElementsNotAllowed() {
        List<Message> messagesWithNull = new ArrayList<>();
        messagesWithNull.add(null);

        assertThatThrownBy(() -> this.chatMemoryRepository.saveAll(UUID.randomUUID().toString(), messagesWithNull))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("messages cannot contain null elements");
    }

    // ------------------------------------------------------------ lossless, append-only

    @Test
    @DisplayName("every message type comes back equal, metadata with its Java types, media byte for byte")
    void everyMessageTypeIsLossless() {
        List<Message> messages = allKinds();

        chatMemoryRepository.saveAll("kinds", messages);

        List<Message> read = chatMemoryRepository.findByConversationId("kinds");
        assertThat(read).containsExactlyElementsOf(messages);
        assertThat(read.get(1).getMetadata()).containsEntry("priority", 3).containsEntry(AbstractMessage.MESSAGE_TYPE,
                MessageType.USER);
        assertThat(read.get(1).getMetadata().get("priority")).isInstanceOf(Integer.class);
        List<Media> media = ((UserMessage) read.get(1)).getMedia();
        assertThat(media).hasSize(2);
        assertThat(media.get(0).getData()).isEqualTo("https://example.com/paris.png");
        assertThat(media.get(0).getMimeType()).isEqualTo(MimeTypeUtils.IMAGE_PNG);
        assertThat(media.get(0).getName()).isEqualTo("paris");
        assertThat(media.get(1).getDataAsByteArray()).containsExactly(1, 2, 3, 250);
        assertThat(((AssistantMessage) read.get(2)).getToolCalls()).isEqualTo(((AssistantMessage) messages.get(2))
                .getToolCalls());
    }

    @Test
    @DisplayName("saving the same list again writes nothing; saving it with new messages appends only those")
    void appendsOnlyNewMessages() {
        List<Message> first = List.of(new UserMessage("one"), new AssistantMessage("two"));
        chatMemoryRepository.saveAll("c", first);
        long written = lastSequence("c");

        chatMemoryRepository.saveAll("c", chatMemoryRepository.findByConversationId("c"));
        assertThat(lastSequence("c")).isEqualTo(written);

        List<Message> longer = new ArrayList<>(chatMemoryRepository.findByConversationId("c"));
        longer.add(new UserMessage("three"));
        longer.add(new AssistantMessage("four"));
        chatMemoryRepository.saveAll("c", longer);

        assertThat(lastSequence("c")).isEqualTo(written + 2);
        assertThat(chatMemoryRepository.findByConversationId("c")).containsExactlyElementsOf(longer);
    }

    @Test
    @DisplayName("a message said again is stored again, even when an equal one just left the window")
    void repeatedMessagesAreNewEvents() {
        ChatMemory memory = MessageWindowChatMemory.builder().chatMemoryRepository(chatMemoryRepository)
                .maxMessages(2).build();
        for (String said : List.of("yes", "ok", "yes", "ok", "yes")) {
            memory.add("again", said.equals("yes") ? new UserMessage(said) : new AssistantMessage(said));
        }

        assertThat(history("again")).extracting(Event::content).containsExactly("yes", "ok", "yes", "ok", "yes");
        // Spring AI 1.1 keeps the last two; 2.0 starts the window at a user turn
        assertThat(memory.get("again")).extracting(Message::getText).last().isEqualTo("yes");
    }

    @Test
    @DisplayName("a dropped prefix and a replaced system message move the window; nothing is deleted")
    void windowMovesInsteadOfDeleting() {
        SystemMessage system = new SystemMessage("You are terse.");
        List<Message> messages = new ArrayList<>(List.of(system, new UserMessage("a"), new AssistantMessage("b"),
                new UserMessage("c"), new AssistantMessage("d")));
        chatMemoryRepository.saveAll("w", messages);

        List<Message> trimmed = List.of(system, messages.get(3), messages.get(4), new UserMessage("e"));
        chatMemoryRepository.saveAll("w", trimmed);
        assertThat(chatMemoryRepository.findByConversationId("w")).containsExactlyElementsOf(trimmed);

        SystemMessage replaced = new SystemMessage("You are verbose.");
        List<Message> reworded = List.of(replaced, messages.get(4), trimmed.get(3));
        chatMemoryRepository.saveAll("w", reworded);
        assertThat(chatMemoryRepository.findByConversationId("w")).containsExactlyElementsOf(reworded);

        assertThat(history("w")).extracting(Event::content)
                .containsExactly("You are terse.", "a", "b", "c", "d", "e", "You are verbose.");
        assertThat(store.get(new GetRequest(APP, USER, "w")).orElseThrow().state()).isEmpty();
        List<Message> empty = List.of();
        chatMemoryRepository.saveAll("w", empty);
        assertThat(chatMemoryRepository.findByConversationId("w")).isEmpty();
        assertThat(history("w")).hasSize(8);
    }

    @Test
    @DisplayName("the stored conversation reads without Spring AI: author, text, tool calls with their results")
    void readableWithoutSpringAi() {
        List<Message> messages = allKinds();
        chatMemoryRepository.saveAll("plain", messages);

        List<Event> events = history("plain");
        assertThat(events).extracting(Event::author).containsExactly("system", "user", "assistant", "tool", "assistant");
        assertThat(events.get(1).content()).isEqualTo("What is the weather in Paris?");
        assertThat(events.get(2).actions()).containsExactly(new Action("getWeather", Map.of("city", "Paris"), null));
        assertThat(events.get(3).actions()).containsExactly(new Action("getWeather", Map.of("city", "Paris"),
                Map.of("forecast", "sunny", "celsius", 24L)));
        assertThat(events.get(4).content()).isEqualTo("It is sunny in Paris.");
    }

    @Test
    @DisplayName("MessageWindowChatMemory over 100 turns keeps its window right and the history whole")
    void messageWindowOverManyTurns() {
        ChatMemory memory = MessageWindowChatMemory.builder().chatMemoryRepository(chatMemoryRepository)
                .maxMessages(10).build();
        memory.add("long", new SystemMessage("Be brief."));
        List<Message> all = new ArrayList<>();
        for (int turn = 0; turn < 100; turn++) {
            Message question = new UserMessage("question " + turn);
            Message answer = new AssistantMessage("answer " + turn);
            memory.add("long", question);
            memory.add("long", answer);
            all.add(question);
            all.add(answer);
        }

        // Spring AI 1.1 keeps the last 9 after the system message; 2.0 starts the window at a user turn
        List<Message> window = memory.get("long");
        assertThat(window).hasSizeBetween(9, 10);
        assertThat(window.get(0)).isEqualTo(new SystemMessage("Be brief."));
        assertThat(window.subList(1, window.size())).containsExactlyElementsOf(all.subList(201 - window.size(), 200));
        assertThat(history("long")).filteredOn(e -> !e.author().equals("chat-memory")).hasSize(201);
        assertThat(lastSequence("long")).isEqualTo(201);
    }

    @Test
    @DisplayName("another writer's saves, a deletion and a conversation made again under the same id are seen at once")
    void readsFollowOtherWriters() {
        SessionChatMemoryRepository other = SessionChatMemoryRepository.builder(store).scope(APP, USER).build();
        chatMemoryRepository.saveAll("shared", List.of(new UserMessage("one")));
        assertThat(other.findByConversationId("shared")).extracting(Message::getText).containsExactly("one");

        chatMemoryRepository.saveAll("shared", List.of(new UserMessage("one"), new AssistantMessage("two")));
        assertThat(other.findByConversationId("shared")).extracting(Message::getText).containsExactly("one", "two");
        chatMemoryRepository.saveAll("shared", List.of(new AssistantMessage("two")));
        assertThat(other.findByConversationId("shared")).extracting(Message::getText).containsExactly("two");

        chatMemoryRepository.deleteByConversationId("shared");
        chatMemoryRepository.saveAll("shared", List.of(new UserMessage("again")));
        assertThat(other.findByConversationId("shared")).extracting(Message::getText).containsExactly("again");
    }

    @Test
    @DisplayName("each end user's conversations stay in their own scope")
    void scopesByResolver() {
        SessionChatMemoryRepository perUser = SessionChatMemoryRepository.builder(store)
                .scopeResolver(id -> new ConversationScope(APP, id == null ? "nobody" : id.substring(0, id.indexOf('/'))))
                .build();
        perUser.saveAll("alice/1", List.of(new UserMessage("alice's secret")));
        perUser.saveAll("bob/1", List.of(new UserMessage("bob's secret")));

        assertThat(store.get(new GetRequest(APP, "alice", "alice/1"))).isPresent();
        assertThat(store.get(new GetRequest(APP, "bob", "alice/1"))).isEmpty();
        assertThat(perUser.findByConversationId("bob/1")).extracting(Message::getText).containsExactly("bob's secret");
    }

    @Test
    @DisplayName("the append-only ChatMemory adds and reads the last N, without a leading tool response")
    void appendOnlyChatMemory() {
        SessionChatMemory memory = SessionChatMemory.builder(store).scope(APP, USER).maxMessages(3).build();
        List<Message> messages = allKinds();

        memory.add("direct", messages);

        assertThat(memory.get("direct")).containsExactlyElementsOf(messages.subList(2, 5));
        memory.add("direct", new UserMessage("Thanks"));
        assertThat(memory.get("direct")).containsExactly(messages.get(4), new UserMessage("Thanks"))
                .doesNotContain(messages.get(3));
        memory.clear("direct");
        assertThat(memory.get("direct")).isEmpty();
    }

    @Test
    @DisplayName("two threads adding to one conversation lose nothing, in the history and in the window")
    void concurrentAdds() throws Exception {
        SessionChatMemory memory = SessionChatMemory.builder(store).scope(APP, USER).maxMessages(1_000).build();
        ChatMemory window = MessageWindowChatMemory.builder().chatMemoryRepository(chatMemoryRepository)
                .maxMessages(1_000).build();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String who : List.of("left", "right")) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 25; i++) {
                        memory.add("shared", new UserMessage(who + " " + i));
                        window.add("windowed", new UserMessage(who + " " + i));
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

        assertThat(memory.get("shared")).hasSize(50);
        assertThat(history("windowed")).filteredOn(e -> e.author().equals("user")).extracting(Event::content)
                .hasSize(50).doesNotHaveDuplicates();
        assertThat(window.get("windowed")).extracting(Message::getText).hasSize(50).doesNotHaveDuplicates();
    }

    // ------------------------------------------------------------ helpers

    List<Event> history(String conversationId) {
        return store.get(new GetRequest(APP, USER, conversationId)).orElseThrow().events(EventsOptions.all());
    }

    long lastSequence(String conversationId) {
        return store.get(new GetRequest(APP, USER, conversationId)).orElseThrow().lastSequence();
    }

    /** One message of each kind: system, user with media and typed metadata, a tool call, its result, an answer. */
    static List<Message> allKinds() {
        Map<String, Object> userMetadata = new HashMap<>();
        userMetadata.put("priority", 3);
        userMetadata.put("tags", List.of("travel", 7L));
        userMetadata.put("ratio", 0.25f);
        Media link = Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data(URI.create("https://example.com/paris.png"))
                .name("paris").build();
        Media bytes = Media.builder().mimeType(MimeTypeUtils.IMAGE_JPEG).data(new byte[] {1, 2, 3, (byte) 250})
                .name("thumb").id("m-2").build();
        UserMessage user = UserMessage.builder().text("What is the weather in Paris?").media(List.of(link, bytes))
                .metadata(userMetadata).build();
        AssistantMessage call = AssistantMessage.builder().content("")
                .properties(Map.of("finishReason", "TOOL_CALLS", "index", 0, "id", "resp-1"))
                .toolCalls(List.of(new AssistantMessage.ToolCall("call-1", "function", "getWeather",
                        "{\"city\":\"Paris\"}")))
                .build();
        ToolResponseMessage result = ToolResponseMessage.builder()
                .responses(List.of(new ToolResponseMessage.ToolResponse("call-1", "getWeather",
                        "{\"forecast\":\"sunny\",\"celsius\":24}")))
                .metadata(Map.of("latencyMs", 12))
                .build();
        AssistantMessage answer = AssistantMessage.builder().content("It is sunny in Paris.")
                .properties(Map.of("finishReason", "STOP", "tokens", 12L)).build();
        return List.of(new SystemMessage("You are a travel agent."), user, call, result, answer);
    }
}
