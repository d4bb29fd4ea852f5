package dev.agentsession;

import dev.agentsession.internal.InputRules;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Chooses which events {@link Session#events} returns. {@code afterSequence} and {@code notBefore}
 * filter first, in the store, then {@code limit} keeps the most recent of what is left; the result
 * is always oldest first.
 *
 * @param limit {@code 0} for every event, {@code N > 0} for the most recent N; negative is
 *     rejected
 * @param afterSequence {@code 0} to start at the beginning, {@code s > 0} for only the events
 *     whose sequence is greater than {@code s}; negative is rejected
 * @param notBefore {@code null} for no time filter, otherwise only the events whose
 *     {@link Event#createdAt} is at or after this instant (truncated to microseconds, as stored
 *     times are)
 */
public record EventsOptions(int limit, long afterSequence, Instant notBefore) {

    private static final EventsOptions ALL = new EventsOptions(0, 0, null);

    /** @throws IllegalArgumentException naming the field that is negative */
    public EventsOptions {
        InputRules.requireNotNegative("limit", limit);
        InputRules.requireNotNegative("afterSequence", afterSequence);
        notBefore = notBefore == null ? null : notBefore.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Options without a time filter, as before it existed.
     *
     * @param limit {@code 0} for every event, {@code N > 0} for the most recent N
     * @param afterSequence {@code 0} to start at the beginning, {@code s > 0} for only later events
     */
    public EventsOptions(int limit, long afterSequence) {
        this(limit, afterSequence, null);
    }

    /** Every event of the session. */
    public static EventsOptions all() {
        return ALL;
    }

    /** The {@code n} most recent events, oldest first; {@code 0} means all. */
    public static EventsOptions last(int n) {
        return new EventsOptions(n, 0, null);
    }

    /** Every event whose sequence is greater than {@code sequence}. */
    public static EventsOptions after(long sequence) {
        return new EventsOptions(0, sequence, null);
    }

    /**
     * Every event written at or after {@code time}.
     *
     * @throws IllegalArgumentException if {@code time} is null
     */
    public static EventsOptions notBefore(Instant time) {
        return ALL.withNotBefore(time);
    }

    /**
     * These options, keeping only the events written at or after {@code time}.
     *
     * @throws IllegalArgumentException if {@code time} is null
     */
    public EventsOptions withNotBefore(Instant time) {
        InputRules.requireNonNull("notBefore", time);
        return new EventsOptions(limit, afterSequence, time);
    }
}
