package dev.agentsession.cli.inspector;

import dev.agentsession.Event;
import dev.agentsession.GetRequest;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import dev.agentsession.spi.StoreCatalog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The inspector's JSON API: read-only views of a store, as maps and lists that Jackson writes.
 * Every view only reads; none creates, changes or deletes anything.
 */
final class StoreViews {

    /** The most sessions or events one page may ask for. */
    static final int MAX_PAGE = 500;

    private final SessionService store;
    private final StoreCatalog catalog;

    StoreViews(SessionService store) {
        if (!(store instanceof StoreCatalog storeCatalog)) {
            throw new IllegalArgumentException(store + " cannot list its apps and users, which the inspector needs");
        }
        this.store = store;
        this.catalog = storeCatalog;
    }

    /** {@code GET /api/apps}: every app, in code point order. */
    Map<String, Object> apps() {
        return Map.of("apps", catalog.appNames());
    }

    /** {@code GET /api/users?app=}: the users of one app. */
    Map<String, Object> users(Request request) {
        String app = request.required("app");
        List<String> users = catalog.scopes(app).stream().map(StoreCatalog.Scope::userId).toList();
        return Map.of("app", app, "users", users);
    }

    /**
     * {@code GET /api/sessions?app=&user=&offset=&limit=}: one page of a user's sessions, most
     * recently updated first. Reads no more sessions than the page ends at.
     */
    Map<String, Object> sessions(Request request) {
        String app = request.required("app");
        String user = request.required("user");
        int offset = (int) request.number("offset", 0, 0, Integer.MAX_VALUE - MAX_PAGE - 1);
        int limit = (int) request.number("limit", 50, 1, MAX_PAGE);
        List<Session> upToPage = store.list(new ListRequest(app, user, offset + limit + 1));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Session session : upToPage.subList(Math.min(offset, upToPage.size()),
                Math.min(offset + limit, upToPage.size()))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", session.id());
            row.put("agent", session.agentId());
            row.put("createdAt", session.createdAt().toString());
            row.put("updatedAt", session.updatedAt().toString());
            row.put("lastSequence", session.lastSequence());
            rows.add(row);
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("app", app);
        page.put("user", user);
        page.put("offset", offset);
        page.put("limit", limit);
        page.put("more", upToPage.size() > offset + limit);
        page.put("sessions", rows);
        return page;
    }

    /** {@code GET /api/session?app=&user=&id=}: a session's header, metadata and current state. */
    Map<String, Object> session(Request request) {
        Session session = find(request);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("app", session.appName());
        view.put("user", session.userId());
        view.put("id", session.id());
        view.put("agent", session.agentId());
        view.put("createdAt", session.createdAt().toString());
        view.put("updatedAt", session.updatedAt().toString());
        view.put("lastSequence", session.lastSequence());
        view.put("metadata", new TreeMap<>(session.metadata()));
        view.put("state", new TreeMap<>(session.state()));
        return view;
    }

    /** {@code GET /api/events?app=&user=&id=&after=&limit=}: the events after a sequence, in order. */
    Map<String, Object> events(Request request) {
        Session session = find(request);
        long after = request.number("after", 0, 0, Long.MAX_VALUE);
        int limit = (int) request.number("limit", 200, 1, MAX_PAGE);
        List<Map<String, Object>> events = new ArrayList<>();
        long last = after;
        List<Event> read;
        try (Stream<Event> stream = session.streamEvents(after)) {
            read = stream.limit(limit).toList();
        }
        for (Event event : read) {
            events.add(EventView.of(event));
            last = event.sequence();
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("after", after);
        page.put("lastSequence", session.lastSequence());
        page.put("more", last < session.lastSequence());
        page.put("events", events);
        return page;
    }

    /**
     * {@code GET /api/state?app=&user=&id=&at=}: the state as of event {@code at}. Keys this
     * session's events changed stand as their deltas left them after that event (a removed key
     * gone); keys no event of the session changed show their current value (set when the session
     * was made, or in the app and user tiers by other sessions), since the history holds no earlier
     * one.
     */
    Map<String, Object> stateAt(Request request) {
        Session session = find(request);
        long at = request.number("at", session.lastSequence(), 0, Long.MAX_VALUE);
        Map<String, Object> replayed = new TreeMap<>();
        Set<String> changed = new HashSet<>();
        try (Stream<Event> events = session.streamEvents(0)) {
            events.forEach(event -> event.stateDelta().forEach((key, value) -> {
                changed.add(key);
                if (event.sequence() > at) {
                    return;
                }
                if (value == null) {
                    replayed.remove(key);
                } else {
                    replayed.put(key, value);
                }
            }));
        }
        Map<String, Object> state = new TreeMap<>(replayed);
        session.state().forEach((key, value) -> {
            if (!changed.contains(key)) {
                state.put(key, value);
            }
        });
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("at", Math.min(at, session.lastSequence()));
        view.put("state", state);
        view.put("changedByEvents", new TreeSet<>(changed));
        return view;
    }

    /** {@code GET /api/find?id=}: the scopes holding a session with this id. */
    Map<String, Object> findById(Request request) {
        String id = request.required("id").strip();
        List<Map<String, String>> matches = catalog.scopesOf(id).stream()
                .map(scope -> {
                    Map<String, String> match = new LinkedHashMap<>();
                    match.put("app", scope.appName());
                    match.put("user", scope.userId());
                    return match;
                }).toList();
        return Map.of("id", id, "matches", matches);
    }

    private Session find(Request request) {
        String app = request.required("app");
        String user = request.required("user");
        String id = request.required("id");
        return store.get(new GetRequest(app, user, id)).orElseThrow(() -> new NotFound("no session '" + id
                + "' of user '" + user + "' in app '" + app + "'"));
    }

    /** Nothing in the store answers the request: answered with 404 and this message. */
    static final class NotFound extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message);
        }
    }
}
