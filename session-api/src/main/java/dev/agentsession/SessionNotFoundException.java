package dev.agentsession;

/**
 * Thrown when an operation needs a session that does not exist (any more) in the caller's
 * (appName, userId) scope, for example {@link Session#addEvent} on a session deleted since the
 * handle was read. Nothing is written when it is thrown.
 */
public class SessionNotFoundException extends SessionStoreException {

    private static final long serialVersionUID = 1L;

    private final String appName;
    private final String userId;
    private final String sessionId;

    /**
     * @param appName the application scope that was searched
     * @param userId the user scope that was searched
     * @param sessionId the session that was not found
     */
    public SessionNotFoundException(String appName, String userId, String sessionId) {
        super("session '" + sessionId + "' of app '" + appName + "' and user '" + userId
                + "' does not exist");
        this.appName = appName;
        this.userId = userId;
        this.sessionId = sessionId;
    }

    /** @return the application scope that was searched */
    public String appName() {
        return appName;
    }

    /** @return the user scope that was searched */
    public String userId() {
        return userId;
    }

    /** @return the id of the session that was not found */
    public String sessionId() {
        return sessionId;
    }
}
