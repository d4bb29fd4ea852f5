package dev.agentsession.sql.spi;

/**
 * Thrown inside an append's transaction when the session is gone, or not at the sequence the
 * caller expects, so that nothing is kept. The store then reads the session's last sequence to
 * tell the two apart. Cheap: it carries no stack trace.
 */
public final class NoSuchSession extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A new one; the message says the session is gone. */
    public NoSuchSession() {
        super("the session is gone or not at the expected sequence", null, false, false);
    }
}
