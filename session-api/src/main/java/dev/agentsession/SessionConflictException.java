package dev.agentsession;

import java.util.Objects;

/**
 * An append lost a race it asked to know about: the session's last sequence was not the
 * {@linkplain AddEventOptions#expectedLastSequence() expected} one, or the
 * {@linkplain AddEventOptions#eventId() event id} is already stored in the session with another
 * payload. Nothing is written when it is thrown. The usual answer is to read the session again,
 * decide again, and retry.
 */
public class SessionConflictException extends SessionStoreException {

    private static final long serialVersionUID = 1L;

    /** What an append conflicted on. */
    public enum Kind {
        /** The session's last sequence was not the one the append expected. */
        SEQUENCE,
        /** The append's event id is already stored in the session with another payload. */
        EVENT_ID
    }

    private final long currentLastSequence;
    private final Kind kind;

    /**
     * A conflict on the expected sequence ({@link Kind#SEQUENCE}).
     *
     * @param message what conflicted, naming the session
     * @param currentLastSequence the session's last sequence when the append was refused
     */
    public SessionConflictException(String message, long currentLastSequence) {
        this(message, currentLastSequence, Kind.SEQUENCE);
    }

    /**
     * @param message what conflicted, naming the session
     * @param currentLastSequence the session's last sequence when the append was refused
     * @param kind what the append conflicted on
     * @throws NullPointerException if {@code kind} is null
     */
    public SessionConflictException(String message, long currentLastSequence, Kind kind) {
        super(message);
        this.currentLastSequence = currentLastSequence;
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /**
     * The session's last sequence expected by an append did not match.
     *
     * @param sessionId the session
     * @param expected the sequence the append expected
     * @param current the session's last sequence
     * @return the exception
     */
    public static SessionConflictException sequence(String sessionId, long expected, long current) {
        return new SessionConflictException("session '" + sessionId + "' is at sequence " + current
                + ", not the expected " + expected + "; nothing was written", current);
    }

    /**
     * An event id already stored in the session with another payload.
     *
     * @param sessionId the session
     * @param eventId the id
     * @param current the session's last sequence
     * @return the exception
     */
    public static SessionConflictException eventId(String sessionId, String eventId, long current) {
        return new SessionConflictException("session '" + sessionId + "' already holds an event with id '" + eventId
                + "' and another payload; nothing was written", current, Kind.EVENT_ID);
    }

    /** @return what the append conflicted on: the expected sequence, or its event id */
    public Kind kind() {
        return kind;
    }

    /** @return the session's last sequence when the append was refused: read from there and retry */
    public long currentLastSequence() {
        return currentLastSequence;
    }
}
