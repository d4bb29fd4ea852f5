package dev.agentsession;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A store of agent conversations: sessions, each with an ordered history of {@link Event}s.
 *
 * <p><b>Scope.</b> Every operation is scoped by (appName, userId). A session id is unique within
 * its scope; the same id in another scope is another session. A session of one user is invisible
 * to every other user and application: {@link #get} is empty, {@link #delete} returns
 * {@code false} and changes nothing, {@link #list} never shows it.
 *
 * <p><b>Errors.</b> Invalid arguments throw {@link IllegalArgumentException} naming the field,
 * before anything is sent to the store. Failures of the store throw {@link SessionStoreException}
 * with the cause kept. Every call after {@link #close()} throws {@link IllegalStateException}.
 *
 * <p><b>Threads.</b> A service and the {@link Session} handles it returns are safe to share
 * between threads.
 *
 * <p>Open one with {@link SessionServices#open(String)} or a backend's builder.
 */
public interface SessionService extends AutoCloseable {

    /**
     * Creates a session. Its {@code createdAt} and {@code updatedAt} are equal.
     *
     * @return a handle on the new session
     * @throws SessionAlreadyExistsException if the caller-chosen id is taken in this scope; the
     *     existing session is unchanged
     */
    Session create(CreateRequest request);

    /**
     * Reads a session.
     *
     * @return the session, or empty when it does not exist in the request's scope (including
     *     when it exists in another scope)
     */
    Optional<Session> get(GetRequest request);

    /**
     * Lists one user's sessions of one application, most recently updated first; sessions
     * updated at the same instant are ordered by id.
     *
     * @return at most {@code request.limit()} sessions (all of them for a limit of 0)
     */
    List<Session> list(ListRequest request);

    /**
     * Deletes a session and every event it holds, with its own state; the app and user tiers are
     * left alone.
     *
     * @return {@code true} if a session was deleted, {@code false} if none exists in the scope
     */
    boolean delete(DeleteRequest request);

    /**
     * Deletes the sessions of one application (and, optionally, one user) last updated strictly
     * before {@code cutoff}, with their events. Used to clean up old conversations.
     *
     * @param cutoff sessions whose {@code updatedAt} is earlier than this are deleted
     * @param appName the application whose sessions are considered; required
     * @param userId the user whose sessions are considered, or {@code null} for every user of
     *     the application
     * @return how many sessions were deleted
     */
    long deleteSessionsUpdatedBefore(Instant cutoff, String appName, String userId);

    /**
     * Reads an application's state tier: the keys every session of the app sees as {@code app:key}.
     *
     * @param appName the application; required
     * @return an unmodifiable map, keys without their prefix; empty if none was set
     */
    Map<String, Object> appState(String appName);

    /**
     * Reads a user's state tier in one application: the keys every session of that user in that
     * app sees as {@code user:key}, and no other user does.
     *
     * @param appName the application; required
     * @param userId the user; required
     * @return an unmodifiable map, keys without their prefix; empty if none was set
     */
    Map<String, Object> userState(String appName, String userId);

    /**
     * Erases a user from one application: every session of the user with its events, and the
     * user's state tier, in one transaction. The app tier is left alone.
     *
     * @param appName the application; required
     * @param userId the user; required
     * @return how many sessions were deleted
     */
    long deleteUser(String appName, String userId);

    /**
     * Releases the store's resources (connections, files). Idempotent. Every later call on this
     * service or its session handles throws {@link IllegalStateException}.
     */
    @Override
    void close();
}
