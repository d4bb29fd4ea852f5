package dev.agentsession.sql;

import static dev.agentsession.sql.schema.Tables.SESSIONS;

import dev.agentsession.Event;
import dev.agentsession.SessionAlreadyExistsException;
import dev.agentsession.internal.InputRules;
import dev.agentsession.internal.StateDelta;
import dev.agentsession.spi.SessionImport;
import dev.agentsession.spi.SessionImport.ImportedSession;
import dev.agentsession.spi.SessionImport.OnExisting;
import dev.agentsession.sql.schema.tables.records.EventsRecord;
import dev.agentsession.sql.spi.EventColumns;
import dev.agentsession.sql.spi.SqlDatabase;
import dev.agentsession.sql.spi.StateStatements;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.exception.DataAccessException;

/**
 * Writes sessions and tiers as they were elsewhere ({@link SessionImport}): a session with its
 * whole history in one transaction, its events as generated records sent in batches of one
 * prepared statement (a cold path, where records cost nothing).
 */
final class SessionImporter {

    /** How many imported events go to the database in one batch. */
    private static final int IMPORT_BATCH = 500;

    private final SqlDatabase database;
    private final StateStatements state;
    private final StoreCalls calls;

    SessionImporter(SqlDatabase database, StateStatements state, StoreCalls calls) {
        this.database = database;
        this.state = state;
        this.calls = calls;
    }

    /** @see SessionImport#importSession */
    boolean importSession(ImportedSession session, Iterator<Event> events, OnExisting onExisting) {
        try {
            return database.transaction(dsl -> {
                Long existing = SessionStatements.findSession(dsl, session.appName(), session.userId(), session.id())
                        .fetchOne(SESSIONS.PK);
                if (existing != null && onExisting == OnExisting.FAIL) {
                    throw new SessionAlreadyExistsException(session.appName(), session.userId(), session.id(), null);
                }
                if (existing != null && onExisting == OnExisting.SKIP) {
                    return false;
                }
                if (existing != null) {
                    SessionStatements.deleteSession(dsl, existing).execute();
                }
                long pk = SessionStatements.insertSession(dsl, session.id(), session.appName(), session.userId(),
                        session.agentId(), session.metadata(), session.createdAt(), session.updatedAt(),
                        session.lastSequence()).fetchOne().value1();
                dsl.connection(connection -> state.apply(connection, pk, session.appName(), session.userId(),
                        StateDelta.split(session.state()), "state"));
                List<EventsRecord> batch = new ArrayList<>(IMPORT_BATCH);
                long expected = 1;
                while (events.hasNext()) {
                    batch.add(EventColumns.record(SessionImport.next(session, events.next(), expected++), pk));
                    if (batch.size() == IMPORT_BATCH) {
                        dsl.batchInsert(batch).execute();
                        batch.clear();
                    }
                }
                if (!batch.isEmpty()) {
                    dsl.batchInsert(batch).execute();
                }
                SessionImport.requireComplete(session, expected - 1);
                return true;
            });
        } catch (DataAccessException e) {
            throw calls.failure("importing session '" + session.id() + "'", e);
        }
    }

    /**
     * Sets an app's or a user's tier keys, as {@link SessionImport#importAppState} and
     * {@link SessionImport#importUserState} do.
     *
     * @param userId the user, or null for the app tier
     * @param prefix the tier's prefix, {@link StateDelta#APP} or {@link StateDelta#USER}
     * @param values the keys without prefix
     * @param action what is being done, for a failure's message
     */
    void importTier(String appName, String userId, String prefix, Map<String, Object> values, String action) {
        Map<String, Object> keys = new LinkedHashMap<>();
        InputRules.requireNonNull("state", values).forEach((key, value) -> keys.put(prefix + key, value));
        StateDelta delta = StateDelta.split(StateDelta.copy("state", keys));
        try {
            database.transaction(dsl -> {
                dsl.connection(connection -> state.apply(connection, -1, appName, userId, delta, "state"));
                return null;
            });
        } catch (DataAccessException e) {
            throw calls.failure(action, e);
        }
    }
}
