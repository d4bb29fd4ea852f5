package dev.agentsession.chat;

import dev.agentsession.SessionConflictException;
import dev.agentsession.SessionStoreException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * What a save does after it lost the race for its last event to another writer: it is worked out
 * again, at most {@value #SAVE_ATTEMPTS} times in all, after a pause between half and all of a
 * bound that starts at {@value #FIRST_PAUSE_MICROS} µs and doubles up to {@value #MAX_PAUSE_MICROS}
 * µs. The random half breaks the lockstep in which the last winner always starts first: without
 * the pause, a rival saving as often could lose every time.
 */
final class LostRaces {

    /** How many times in all a save is worked out, the first included. */
    static final int SAVE_ATTEMPTS = 20;
    /** The longest pause, in microseconds, before a save that lost a race is worked out again. */
    static final long MAX_PAUSE_MICROS = 50_000;
    /** The bound of the first pause, in microseconds; it doubles with each race lost after it. */
    static final long FIRST_PAUSE_MICROS = 500;

    private LostRaces() {
    }

    /**
     * @param attempt how many tries of the save have lost in a row, at least 1
     * @return the longest pause before the next try, in microseconds
     */
    static long bound(int attempt) {
        return Math.min(MAX_PAUSE_MICROS, FIRST_PAUSE_MICROS << Math.min(attempt - 1, 20));
    }

    /**
     * Waits before the next try of a save that lost {@code attempt} tries in a row, or gives up.
     *
     * @param attempt how many tries have lost in a row
     * @param conversationId the conversation, for the messages
     * @param lost the last lost race
     * @throws SessionStoreException after {@value #SAVE_ATTEMPTS} lost tries, or when the thread
     *     is interrupted while it waits (its flag set again); the conversation still shows the list
     *     before this save
     */
    static void pauseOrGiveUp(int attempt, String conversationId, SessionConflictException lost) {
        if (attempt >= SAVE_ATTEMPTS) {
            throw new SessionStoreException("saving conversation '" + conversationId + "' lost the race to "
                    + "other writers " + SAVE_ATTEMPTS + " times in a row", lost);
        }
        long bound = bound(attempt);
        try {
            TimeUnit.MICROSECONDS.sleep(ThreadLocalRandom.current().nextLong(bound / 2, bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            SessionStoreException interrupted = new SessionStoreException("saving conversation '" + conversationId
                    + "' was interrupted while waiting to try again after losing a race; it still shows the list "
                    + "before this save", e);
            interrupted.addSuppressed(lost);
            throw interrupted;
        }
    }
}
