package dev.agentsession;

/**
 * The root of every failure a session store reports, other than invalid arguments
 * ({@link IllegalArgumentException}) and use after close ({@link IllegalStateException}).
 *
 * <p>A failure of the underlying database is wrapped with the database's exception as the
 * {@linkplain #getCause() cause}; the message says what was being done ("appending an event to
 * session s1") and never contains a password.
 */
public class SessionStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was being done and what went wrong; must not contain secrets
     */
    public SessionStoreException(String message) {
        super(message);
    }

    /**
     * @param message what was being done and what went wrong; must not contain secrets
     * @param cause the underlying failure, kept whole so its stack trace is not lost
     */
    public SessionStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
