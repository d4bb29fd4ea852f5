package dev.agentsession.spi;

import dev.agentsession.Event;
import dev.agentsession.internal.InputRules;
import dev.agentsession.internal.JsonValues;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;

/**
 * What a backend offers to import and copy: writing sessions and events as they were in another
 * store, with their ids, sequences and times kept, which the public {@code addEvent} never allows.
 * Every backend of this project implements it on its {@code SessionService}; programs use the
 * portability API rather than this interface.
 */
public interface SessionImport {

    /** What an import does with a session whose id its (app, user) scope already holds. */
    enum OnExisting {
        /** Stop with {@link dev.agentsession.SessionAlreadyExistsException}; nothing of that session is written. */
        FAIL,
        /** Leave the existing session as it is and go on. */
        SKIP,
        /** Delete the existing session (and its events) and write the imported one, in one transaction. */
        REPLACE
    }

    /**
     * A session as it was in another store.
     *
     * @param appName its application
     * @param userId its user
     * @param id its id
     * @param agentId its agent
     * @param metadata its metadata
     * @param createdAt when it was created (kept, to the microsecond)
     * @param updatedAt when it was last changed (kept, to the microsecond)
     * @param state its own state keys (no {@code app:} or {@code user:} keys: those tiers are imported
     *     on their own)
     * @param lastSequence its last event's sequence (0 for none)
     */
    record ImportedSession(String appName, String userId, String id, String agentId, Map<String, Object> metadata,
            Instant createdAt, Instant updatedAt, Map<String, Object> state, long lastSequence) {

        /** @throws IllegalArgumentException naming the field that is missing or not valid */
        public ImportedSession {
            InputRules.requireName("appName", appName);
            InputRules.requireName("userId", userId);
            InputRules.requireSessionId("id", id);
            InputRules.requireName("agentId", agentId);
            metadata = JsonValues.copyObject("metadata", metadata);
            createdAt = InputRules.requireNonNull("createdAt", createdAt).truncatedTo(ChronoUnit.MICROS);
            updatedAt = InputRules.requireNonNull("updatedAt", updatedAt).truncatedTo(ChronoUnit.MICROS);
            state = JsonValues.copyObject("state", state);
            for (String key : state.keySet()) {
                if (key.startsWith("app:") || key.startsWith("user:") || key.startsWith("temp:")) {
                    throw new IllegalArgumentException("state of session '" + id + "' holds the key '" + key
                            + "': import the app and user tiers on their own, and temp: keys are never stored");
                }
            }
            InputRules.requireNotNegative("lastSequence", lastSequence);
        }
    }

    /**
     * Writes a session with its own state and its events, as given, in one transaction: either all
     * of it is written or none. The events must be the session's whole history: sequences 1, 2, …,
     * {@code session.lastSequence()}, in that order.
     *
     * @param session the session
     * @param events its events, oldest first; read once, while the transaction runs
     * @param onExisting what to do when the scope already holds a session with that id
     * @return {@code true} if the session was written, {@code false} if it was skipped
     * @throws dev.agentsession.SessionAlreadyExistsException with {@link OnExisting#FAIL} on a taken id
     * @throws IllegalArgumentException for events that are not the whole history in order
     * @throws dev.agentsession.SessionStoreException if the store fails; nothing is written
     */
    boolean importSession(ImportedSession session, Iterator<Event> events, OnExisting onExisting);

    /**
     * Sets keys of an application's state tier (keys without prefix), leaving its other keys alone.
     *
     * @throws IllegalArgumentException for a bad key or value
     */
    void importAppState(String appName, Map<String, Object> state);

    /**
     * Sets keys of a user's state tier (keys without prefix), leaving its other keys alone.
     *
     * @throws IllegalArgumentException for a bad key or value
     */
    void importUserState(String appName, String userId, Map<String, Object> state);

    /**
     * Checks that an imported event is the next of its session's history.
     *
     * @param session the session being imported
     * @param event the event
     * @param expected the sequence it must have
     * @return the event, as belonging to {@code session}
     * @throws IllegalArgumentException naming the session and both sequences otherwise
     */
    static Event next(ImportedSession session, Event event, long expected) {
        if (event.sequence() != expected || expected > session.lastSequence()) {
            throw new IllegalArgumentException("session '" + session.id() + "': event '" + event.id() + "' has sequence "
                    + event.sequence() + " where " + expected + " of " + session.lastSequence() + " was expected");
        }
        return event.sessionId().equals(session.id()) ? event : new Event(event.id(), session.id(), event.sequence(),
                event.invocationId(), event.agentId(), event.branch(), event.author(), event.content(),
                event.reasoning(), event.actions(), event.longRunningToolIds(), event.metadata(), event.createdAt(),
                event.stateDelta());
    }

    /**
     * Checks that an imported session's history was complete.
     *
     * @throws IllegalArgumentException if fewer events came than its last sequence says
     */
    static void requireComplete(ImportedSession session, long imported) {
        if (imported != session.lastSequence()) {
            throw new IllegalArgumentException("session '" + session.id() + "' has last sequence "
                    + session.lastSequence() + " but " + imported + " events came");
        }
    }
}
