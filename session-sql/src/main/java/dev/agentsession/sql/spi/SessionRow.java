package dev.agentsession.sql.spi;

import static dev.agentsession.sql.schema.Tables.SESSIONS;

import dev.agentsession.internal.StateDelta;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jooq.Field;

/**
 * A stored session's row and its state as the session shows it.
 *
 * @param pk the session's key
 * @param id the session's id
 * @param appName its app
 * @param userId its user
 * @param agentId its agent
 * @param metadata its metadata, decoded
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param lastSequence its newest event's sequence, 0 for none
 * @param state its own keys, the app tier's as {@code app:key} and the user tier's as {@code user:key}
 */
public record SessionRow(long pk, String id, String appName, String userId, String agentId,
                         Map<String, Object> metadata, Instant createdAt, Instant updatedAt, long lastSequence,
                         Map<String, Object> state) {

    /** The columns of a session's row that every read selects, in this order. */
    public static final List<Field<?>> FIELDS = List.of(SESSIONS.PK, SESSIONS.ID, SESSIONS.APP_NAME,
            SESSIONS.USER_ID, SESSIONS.AGENT_ID, SESSIONS.METADATA, SESSIONS.CREATED_AT, SESSIONS.UPDATED_AT,
            SESSIONS.LAST_SEQUENCE);

    /**
     * Reads a session from the current row of a statement that selects {@link #FIELDS}.
     *
     * @param rows the result, on the row
     * @param columns the statement's columns
     * @param own the session's own keys
     * @param app the app tier, keys without prefix
     * @param user the user tier, keys without prefix
     * @return the session, its metadata decoded
     * @throws SQLException if the row cannot be read
     */
    public static SessionRow read(ResultSet rows, Columns columns, Map<String, Object> own, Map<String, Object> app,
            Map<String, Object> user) throws SQLException {
        return new SessionRow(columns.get(rows, SESSIONS.PK), columns.get(rows, SESSIONS.ID),
                columns.get(rows, SESSIONS.APP_NAME), columns.get(rows, SESSIONS.USER_ID),
                columns.get(rows, SESSIONS.AGENT_ID), JsonCodec.readObject(columns.get(rows, SESSIONS.METADATA)),
                columns.get(rows, SESSIONS.CREATED_AT), columns.get(rows, SESSIONS.UPDATED_AT),
                columns.get(rows, SESSIONS.LAST_SEQUENCE), StateDelta.view(own, app, user));
    }
}
