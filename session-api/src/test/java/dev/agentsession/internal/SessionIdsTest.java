package dev.agentsession.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("session ids")
class SessionIdsTest {

    @Test
    @DisplayName("ids are version 7 UUIDs carrying the current millisecond")
    void versionSeven() {
        long before = System.currentTimeMillis();
        UUID id = UUID.fromString(SessionIds.next());
        long after = System.currentTimeMillis();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    @Test
    @DisplayName("ids made in later milliseconds sort after earlier ones")
    void sortByTime() throws InterruptedException {
        String first = SessionIds.next();
        Thread.sleep(2);
        String second = SessionIds.next();
        assertThat(first).isLessThan(second).hasSize(36);
    }
}
