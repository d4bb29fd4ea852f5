package dev.agentsession;

/**
 * Thrown by {@link SessionService#create} when the caller-chosen session id is already taken in
 * the caller's (appName, userId) scope. The existing session is left unchanged.
 */
public class SessionAlreadyExistsException extends SessionStoreException {

    private static final long serialVersionUID = 1L;

    private final String sessionId;

    /**
     * @param appName the application scope
     * @param userId the user scope
     * @param sessionId the id that is taken
     * @param cause the database's duplicate-key error, or {@code null} where there is none
     */
    public SessionAlreadyExistsException(String appName, String userId, String sessionId,
            Throwable cause) {
        super("session '" + sessionId + "' of app '" + appName + "' and user '" + userId
                + "' already exists", cause);
        this.sessionId = sessionId;
    }

    /** @return the id that is taken */
    public String sessionId() {
        return sessionId;
    }
}
