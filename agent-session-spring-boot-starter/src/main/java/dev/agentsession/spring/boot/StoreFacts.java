package dev.agentsession.spring.boot;

import dev.agentsession.SessionService;
import dev.agentsession.sql.SqlSessionService;

/** What the health check reports of a store beyond its reachability. */
final class StoreFacts {

    private StoreFacts() {
    }

    /** @return the schema version of a database store, or null for another store (or without session-sql) */
    static String schemaVersion(SessionService store) {
        try {
            Class.forName("dev.agentsession.sql.SqlSessionService", false, StoreFacts.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
        return store instanceof SqlSessionService sql ? sql.schemaVersion() : null;
    }
}
