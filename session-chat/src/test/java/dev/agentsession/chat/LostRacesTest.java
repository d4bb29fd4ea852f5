package dev.agentsession.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentsession.SessionConflictException;
import dev.agentsession.SessionStoreException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a save that lost a race to another writer")
class LostRacesTest {

    private static final SessionConflictException LOST = SessionConflictException.sequence("c1", 4L, 5L);

    @Test
    @DisplayName("waits up to a bound that starts at half a millisecond and doubles to 50 ms")
    void boundDoubles() {
        assertThat(LostRaces.bound(1)).isEqualTo(500);
        assertThat(LostRaces.bound(2)).isEqualTo(1_000);
        assertThat(LostRaces.bound(7)).isEqualTo(32_000);
        assertThat(LostRaces.bound(8)).isEqualTo(50_000);
        assertThat(LostRaces.bound(LostRaces.SAVE_ATTEMPTS)).isEqualTo(50_000);
    }

    @Test
    @DisplayName("gives up after the last attempt, saying how often it lost, with the last race as cause")
    void givesUp() {
        LostRaces.pauseOrGiveUp(1, "c1", LOST);

        assertThatThrownBy(() -> LostRaces.pauseOrGiveUp(LostRaces.SAVE_ATTEMPTS, "c1", LOST))
                .isInstanceOf(SessionStoreException.class)
                .hasMessage("saving conversation 'c1' lost the race to other writers 20 times in a row")
                .hasCause(LOST);
    }

    @Test
    @DisplayName("an interrupted wait stops the save, keeps the thread's interrupt, and says the old list stays")
    void interrupted() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> LostRaces.pauseOrGiveUp(3, "c1", LOST))
                    .isInstanceOf(SessionStoreException.class)
                    .hasMessageContaining("was interrupted").hasMessageContaining("still shows the list before this save")
                    .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(LOST));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
