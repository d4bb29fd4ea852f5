package dev.agentsession.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.Event;
import dev.agentsession.chat.NoteCodec.Note;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("how a save is worked out against what is shown")
class SavePlanTest {

    private static final NoteCodec CODEC = new NoteCodec();

    /** Shown messages at sequences 1, 2, 3 ...: each note stored in an event of its own. */
    private static List<StoredMessage<Note>> shown(Note... notes) {
        List<StoredMessage<Note>> shown = new ArrayList<>();
        for (int i = 0; i < notes.length; i++) {
            Note note = notes[i];
            Event event = new Event("e" + (i + 1), "s", i + 1, null, null, null, note.role(), note.text(), null,
                    null, null, Map.of("form", CODEC.form(note)), Instant.EPOCH, null);
            shown.add(new StoredMessage<>(event, note, CODEC.form(note)));
        }
        return shown;
    }

    private static SaveMessages<Note> save(Note... notes) {
        return new SaveMessages<>(CODEC, Arrays.asList(notes));
    }

    private static final Note HELLO = new Note("user", "hello");
    private static final Note HI = new Note("assistant", "hi");
    private static final Note BYE = new Note("user", "bye");

    @Test
    @DisplayName("the list read, unchanged, appends nothing")
    void unchanged() {
        List<StoredMessage<Note>> shown = shown(HELLO, HI);
        SavePlan<Note> plan = SavePlan.exact(save(HELLO, HI), shown, true);

        assertThat(plan.slots()).containsExactlyElementsOf(shown);
        assertThat(plan.fresh()).isEmpty();
    }

    @Test
    @DisplayName("a window that dropped its oldest message and added one keeps the rest and appends the new one")
    void windowMoves() {
        List<StoredMessage<Note>> shown = shown(HELLO, HI);
        SavePlan<Note> plan = SavePlan.exact(save(HI, BYE), shown, true);

        assertThat(plan.slots()).containsExactly(shown.get(1), null);
        assertThat(plan.fresh()).containsExactly(1);
        assertThat(plan.messageAt()).containsExactly(Map.entry(1, 1));
    }

    @Test
    @DisplayName("after a read, a message equal to a shown one but not the object read is said again: new")
    void saidAgainAfterARead() {
        List<StoredMessage<Note>> shown = shown(HELLO);
        Note again = new Note("user", "hello");

        assertThat(SavePlan.exact(save(HELLO, again), shown, true).fresh()).containsExactly(1);
    }

    @Test
    @DisplayName("without a read to go by, an equal message is the one shown")
    void equalWithoutARead() {
        List<StoredMessage<Note>> shown = shown(HELLO, HI);
        SavePlan<Note> plan = SavePlan.exact(save(new Note("user", "hello"), new Note("assistant", "hi"), BYE), shown,
                false);

        assertThat(plan.slots()).containsExactly(shown.get(0), shown.get(1), null);
        assertThat(plan.fresh()).containsExactly(2);
    }

    @Test
    @DisplayName("when another save came after the read, both saves' messages stay: what this one dropped leaves, its new ones follow")
    void mergedWithAnotherSave() {
        Note other = new Note("assistant", "from the other writer");
        List<StoredMessage<Note>> now = shown(HELLO, HI, other);
        List<StoredMessage<Note>> read = now.subList(0, 2);

        SavePlan<Note> plan = SavePlan.merged(save(HI, BYE), read, now);

        assertThat(plan.slots()).containsExactly(now.get(1), now.get(2), null);
        assertThat(plan.fresh()).containsExactly(2);
        assertThat(plan.messageAt()).containsExactly(Map.entry(2, 1));
    }

    @Test
    @DisplayName("a merge is refused when a new message comes before a kept one; the list is then taken as saved")
    void mergeOnlyAtTheEnd() {
        List<StoredMessage<Note>> now = shown(HELLO, HI, new Note("assistant", "from the other writer"));

        assertThat(SavePlan.merged(save(BYE, HI), now.subList(0, 2), now)).isNull();
    }
}
