package dev.agentsession;

import dev.agentsession.internal.InputRules;

/**
 * Chooses which events {@link Session#events} returns. {@code afterSequence} filters first, then
 * {@code limit} keeps the most recent of what is left; the result is always oldest first.
 *
 * @param limit {@code 0} for every event, {@code N > 0} for the most recent N; negative is
 *     rejected
 * @param afterSequence {@code 0} to start at the beginning, {@code s > 0} for only the events
 *     whose sequence is greater than {@code s}; negative is rejected
 */
public record EventsOptions(int limit, long afterSequence) {

    private static final EventsOptions ALL = new EventsOptions(0, 0);

    /** @throws IllegalArgumentException naming the field that is negative */
    public EventsOptions {
        InputRules.requireNotNegative("limit", limit);
        InputRules.requireNotNegative("afterSequence", afterSequence);
    }

    /** Every event of the session. */
    public static EventsOptions all() {
        return ALL;
    }

    /** The {@code n} most recent events, oldest first; {@code 0} means all. */
    public static EventsOptions last(int n) {
        return new EventsOptions(n, 0);
    }

    /** Every event whose sequence is greater than {@code sequence}. */
    public static EventsOptions after(long sequence) {
        return new EventsOptions(0, sequence);
    }
}
