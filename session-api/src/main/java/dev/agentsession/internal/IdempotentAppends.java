package dev.agentsession.internal;

import dev.agentsession.AddEventOptions;
import dev.agentsession.Event;
import java.util.Objects;

/** The rule every backend applies when an event id is appended again. */
public final class IdempotentAppends {

    private IdempotentAppends() {
    }

    /**
     * Whether a repeated append carries what the stored event holds: every field the caller
     * chose, and the state delta as stored (without {@code temp:} keys). The expected last
     * sequence is not compared: a retry after a lost reply expects the sequence before its own.
     *
     * @param stored the event stored under the id
     * @param options the repeated append
     * @return whether the append is the same one again
     */
    public static boolean samePayload(Event stored, AddEventOptions options) {
        return stored.author().equals(options.author()) && Objects.equals(stored.content(), options.content())
                && Objects.equals(stored.reasoning(), options.reasoning()) && stored.actions().equals(options.actions())
                && Objects.equals(stored.invocationId(), options.invocationId())
                && Objects.equals(stored.agentId(), options.agentId()) && Objects.equals(stored.branch(), options.branch())
                && stored.longRunningToolIds().equals(options.longRunningToolIds())
                && stored.metadata().equals(options.metadata())
                && stored.stateDelta().equals(StateDelta.stored(options.stateDelta()));
    }
}
