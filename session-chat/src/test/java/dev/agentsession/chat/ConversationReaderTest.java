package dev.agentsession.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.GetRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import dev.agentsession.chat.NoteCodec.Note;
import dev.agentsession.memory.MemorySessionService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("what a conversation shows, read and kept")
class ConversationReaderTest {

    private static final ConversationScope SCOPE = new ConversationScope("chat", "ada");
    private static final NoteCodec CODEC = new NoteCodec();

    private final SessionService sessions = MemorySessionService.create();
    private final ConversationReader<Note> reader = new ConversationReader<>(CODEC, 8);

    @AfterEach
    void close() {
        sessions.close();
    }

    private Session reread(Session session) {
        return sessions.get(new GetRequest("chat", "ada", session.id())).orElseThrow();
    }

    private static List<Note> notes(Shown<Note> shown) {
        return shown.entries().stream().map(StoredMessage::message).toList();
    }

    @Test
    @DisplayName("a session never saved through a window shows every message, control events left out")
    void noWindowShowsAll() {
        Session session = sessions.create(CreateRequest.of("chat", "ada", "assistant"));
        session.addEvent(CODEC.event(new Note("user", "hello"), Map.of("role", "user"), Map.of(), null));
        session.addEvent(AddEventOptions.builder("control").build());
        session.addEvent(CODEC.event(new Note("assistant", "hi"), Map.of("role", "assistant"), Map.of(), null));

        Shown<Note> shown = reader.visible(SCOPE, reread(session));

        assertThat(shown.window()).isNull();
        assertThat(notes(shown)).containsExactly(new Note("user", "hello"), new Note("assistant", "hi"));
    }

    @Test
    @DisplayName("the window's events in the window's order; an unchanged session is answered from what was kept")
    void windowOrderAndCache() {
        Session session = sessions.create(CreateRequest.of("chat", "ada", "assistant"));
        for (String text : List.of("one", "two", "three")) {
            session.addEvent(CODEC.event(new Note("user", text), Map.of("role", "user"), Map.of(), null));
        }
        session.addEvent(CODEC.windowEvent(List.of(List.of(3L, 3L), List.of(1L, 1L))));

        Shown<Note> first = reader.visible(SCOPE, reread(session));
        Shown<Note> again = reader.visible(SCOPE, reread(session));

        assertThat(notes(first)).containsExactly(new Note("user", "three"), new Note("user", "one"));
        assertThat(again.entries()).isSameAs(first.entries());
    }

    @Test
    @DisplayName("after appends elsewhere, the kept list is brought up to date with the events written since")
    void updatedWithNewerEvents() {
        Session session = sessions.create(CreateRequest.of("chat", "ada", "assistant"));
        session.addEvent(CODEC.event(new Note("user", "one"), Map.of("role", "user"), Map.of(),
                List.of(List.of(1L, 1L))));
        assertThat(notes(reader.visible(SCOPE, reread(session)))).containsExactly(new Note("user", "one"));

        session.addEvent(CODEC.event(new Note("assistant", "two"), Map.of("role", "assistant"), Map.of(),
                List.of(List.of(1L, 2L))));

        assertThat(notes(reader.visible(SCOPE, reread(session))))
                .containsExactly(new Note("user", "one"), new Note("assistant", "two"));
    }
}
