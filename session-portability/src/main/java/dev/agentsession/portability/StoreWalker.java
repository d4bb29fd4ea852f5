package dev.agentsession.portability;

import dev.agentsession.Event;
import dev.agentsession.GetRequest;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import dev.agentsession.spi.SessionImport.ImportedSession;
import dev.agentsession.spi.StoreCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Walks the part of a store a filter takes: tiers, sessions, and each session's events in order. */
final class StoreWalker {

    /** What the walk hands on. */
    interface Visitor {
        void appTier(String appName, Map<String, Object> state);

        void userTier(String appName, String userId, Map<String, Object> state);

        /** @param events the session's events, oldest first, up to its last sequence; read while this runs */
        void session(ImportedSession session, Stream<Event> events);
    }

    private StoreWalker() {
    }

    static void walk(SessionService store, ExportFilter filter, Visitor visitor) {
        List<String> apps = filter.appName() != null ? List.of(filter.appName()) : catalog(store).appNames();
        for (String app : apps) {
            Map<String, Object> appTier = store.appState(app);
            if (!appTier.isEmpty()) {
                visitor.appTier(app, appTier);
            }
            List<StoreCatalog.Scope> scopes = filter.userId() != null
                    ? List.of(new StoreCatalog.Scope(app, filter.userId())) : catalog(store).scopes(app);
            for (StoreCatalog.Scope scope : scopes) {
                Map<String, Object> userTier = store.userState(app, scope.userId());
                if (!userTier.isEmpty()) {
                    visitor.userTier(app, scope.userId(), userTier);
                }
                List<Session> sessions = filter.sessionId() != null
                        ? store.get(new GetRequest(app, scope.userId(), filter.sessionId())).stream().toList()
                        : store.list(ListRequest.all(app, scope.userId()));
                for (Session session : sessions) {
                    if (filter.updatedSince() == null || !session.updatedAt().isBefore(filter.updatedSince())) {
                        visit(session, visitor);
                    }
                }
            }
        }
    }

    private static void visit(Session session, Visitor visitor) {
        Map<String, Object> own = new LinkedHashMap<>();
        session.state().forEach((key, value) -> {
            if (!key.startsWith("app:") && !key.startsWith("user:")) {
                own.put(key, value);
            }
        });
        ImportedSession imported = new ImportedSession(session.appName(), session.userId(), session.id(),
                session.agentId(), session.metadata(), session.createdAt(), session.updatedAt(), own,
                session.lastSequence());
        long last = session.lastSequence();
        try (Stream<Event> events = last == 0 ? Stream.empty() : session.streamEvents(0)) {
            visitor.session(imported, events.takeWhile(event -> event.sequence() <= last));
        }
    }

    private static StoreCatalog catalog(SessionService store) {
        if (store instanceof StoreCatalog catalog) {
            return catalog;
        }
        throw new IllegalArgumentException(store + " cannot list its apps and users: give an app and a user");
    }
}
