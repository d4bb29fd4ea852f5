package dev.agentsession.sql.spi;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * A dialect's own read of one session with its state, where the core's (the session's row and its
 * tiers' rows in one {@code UNION ALL}) is not the fastest on that database. Rendered once per
 * store; see {@link Dialect#sessionRead}.
 */
public interface SessionRead {

    /**
     * Reads a session and its three tiers at one moment, in one statement.
     *
     * @param connection a connection in auto-commit
     * @param appName the session's app
     * @param userId the session's user
     * @param id the session's id
     * @return the session, or null where the scope holds none with that id
     * @throws SQLException if the database fails
     */
    SessionRow read(Connection connection, String appName, String userId, String id) throws SQLException;

    /** @return the statements this read sends, by name, for the golden SQL files */
    Map<String, String> statements();
}
