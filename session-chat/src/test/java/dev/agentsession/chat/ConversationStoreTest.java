package dev.agentsession.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import dev.agentsession.chat.NoteCodec.Note;
import dev.agentsession.memory.MemorySessionService;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a conversation kept as a session: saved by appending, shown through its window")
class ConversationStoreTest {

    private static final ConversationScope SCOPE = new ConversationScope("chat", "ada");

    private final SessionService sessions = MemorySessionService.create();
    private final ConversationStore<Note> store = new ConversationStore<>(sessions, id -> SCOPE, "assistant",
            new NoteCodec());

    @AfterEach
    void close() {
        sessions.close();
    }

    private List<Event> history(String conversationId) {
        Session session = sessions.get(new GetRequest("chat", "ada", conversationId)).orElseThrow();
        return session.events(EventsOptions.all());
    }

    private static final Note HELLO = new Note("user", "hello");
    private static final Note HI = new Note("assistant", "hi");
    private static final Note BYE = new Note("user", "bye");

    @Test
    @DisplayName("a save appends only the messages that are new, and find gives the list saved")
    void appendsOnlyWhatIsNew() {
        store.save("c1", List.of(HELLO, HI));
        List<Note> read = store.find("c1");
        store.save("c1", List.of(read.get(0), read.get(1), BYE));

        assertThat(store.find("c1")).containsExactly(HELLO, HI, BYE);
        assertThat(history("c1")).extracting(Event::content).containsExactly("hello", "hi", "bye");
    }

    @Test
    @DisplayName("a message a window drops is hidden, not deleted; a save that appends nothing records the window alone")
    void droppedIsHidden() {
        store.save("c1", List.of(HELLO, HI, BYE));
        List<Note> read = store.find("c1");
        store.save("c1", List.of(read.get(1), read.get(2)));

        assertThat(store.find("c1")).containsExactly(HI, BYE);
        assertThat(history("c1")).extracting(Event::author).containsExactly("user", "assistant", "user", "control");
    }

    @Test
    @DisplayName("a save whose read another writer overtook keeps both writers' messages")
    void concurrentSavesMerge() throws Exception {
        store.save("c1", List.of(HELLO));
        List<Note> read = store.find("c1");
        Note other = new Note("assistant", "from another thread");
        // another writer, on another thread, saves after this thread's read
        CompletableFuture.runAsync(() -> {
            List<Note> theirs = store.find("c1");
            store.save("c1", List.of(theirs.get(0), other));
        }).get(1, TimeUnit.MINUTES);

        store.save("c1", List.of(read.get(0), BYE));

        assertThat(store.find("c1")).containsExactly(HELLO, other, BYE);
        assertThat(history("c1")).extracting(Event::content).containsExactly("hello", "from another thread", "bye");
    }

    @Test
    @DisplayName("a message said again after a read is a new event, though equal to one shown")
    void saidAgain() {
        store.save("c1", List.of(HELLO));
        List<Note> read = store.find("c1");
        store.save("c1", List.of(read.get(0), new Note("user", "hello")));

        assertThat(store.find("c1")).containsExactly(HELLO, HELLO);
        assertThat(history("c1")).hasSize(2);
    }

    @Test
    @DisplayName("append adds to the history without moving the window; last reads the history's tail")
    void appendAndLast() {
        store.save("c1", List.of(HELLO));
        store.append("c1", List.of(HI, BYE));

        assertThat(store.last("c1", 2)).containsExactly(HI, BYE);
        assertThat(store.find("c1")).containsExactly(HELLO);
        assertThat(store.conversationIds()).containsExactly("c1");
        store.delete("c1");
        assertThat(store.find("c1")).isEmpty();
    }
}
