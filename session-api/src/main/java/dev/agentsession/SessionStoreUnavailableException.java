package dev.agentsession;

/**
 * The store could not be reached: the connection was refused or lost, no pooled connection
 * became free in time, or (SQLite) another process held the file's write lock for longer than the
 * store waits.
 *
 * <p>This is the kind of failure a caller may retry after a pause: the request was not carried
 * out, or (if the connection was lost while a write committed) may have been; reading the session
 * again tells which. Other {@link SessionStoreException}s are not expected to go away on retry.
 */
public class SessionStoreUnavailableException extends SessionStoreException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was being done and what went wrong; must not contain secrets
     * @param cause the underlying failure, kept whole so its stack trace is not lost
     */
    public SessionStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
