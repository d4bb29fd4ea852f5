package dev.agentsession.spring.boot;

import dev.agentsession.GetRequest;
import dev.agentsession.SessionService;
import dev.agentsession.sql.SqlSessionService;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the health indicators (one per Boot line) check and report of a store. */
final class StoreFacts {

    private StoreFacts() {
    }

    /**
     * Reads from the store (a session no one has), then describes it.
     *
     * @return the store's description and, for a database store, its schema version
     * @throws dev.agentsession.SessionStoreException if the store does not answer
     */
    static Map<String, Object> check(SessionService store) {
        store.get(new GetRequest("agent-session", "health", "probe"));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("store", store.toString());
        String version = schemaVersion(store);
        if (version != null) {
            details.put("schemaVersion", version);
        }
        return details;
    }

    /** @return the schema version of a database store, or null for another store (or without session-sql) */
    private static String schemaVersion(SessionService store) {
        try {
            Class.forName("dev.agentsession.sql.SqlSessionService", false, StoreFacts.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
        return store instanceof SqlSessionService sql ? sql.schemaVersion() : null;
    }
}
