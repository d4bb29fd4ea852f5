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

    /** {@code GET /api/apps?offset=&limit=}: one page of the apps (100 by default), in code point order. */
    Map<String, Object> apps(Request request) {
        return page("apps", catalog.appNames(), request);
    }

    /** {@code GET /api/users?app=&offset=&limit=}: one page of the users of one app (100 by default). */
    Map<String, Object> users(Request request) {
        String app = request.required("app");
        Map<String, Object> page = page("users", catalog.scopes(app).stream().map(StoreCatalog.Scope::userId).toList(),
                request);
        page.put("app", app);
        return page;
    }

    /** One page of a list, by the request's {@code offset} and {@code limit}. */
    private static Map<String, Object> page(String name, List<String> all, Request request) {
        int offset = (int) request.number("offset", 0, 0, Integer.MAX_VALUE - MAX_PAGE - 1);
        int limit = (int) request.number("limit", 100, 1, MAX_PAGE);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("offset", offset);
        page.put("limit", limit);
        page.put("more", all.size() > offset + limit);
        page.put(name, all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size())));
        return page;
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

    /**
     * {@code GET /api/events?app=&user=&id=&after=&limit=}: the events after a sequence, in order;
     * or, with {@code before=} instead of {@code after=}, the {@code limit} events just below that
     * sequence (the newest page for {@code before} past the last), oldest first. The cost follows
     * the page, not the session.
     */
    Map<String, Object> events(Request request) {
        Session session = find(request);
        int limit = (int) request.number("limit", 200, 1, MAX_PAGE);
        long before = request.parameter("before") == null ? 0 : request.number("before", 1, 1, Long.MAX_VALUE);
        if (before > 0 && request.parameter("after") != null) {
            throw new Request.BadRequest("give 'after' or 'before', not both");
        }
        // before: the page that ends just below it, oldest of the page first; sequences have no gaps
        long after = before > 0 ? Math.max(0, Math.min(before, session.lastSequence() + 1) - 1 - limit)
                : request.number("after", 0, 0, Long.MAX_VALUE);
        long count = before > 0 ? Math.min(before, session.lastSequence() + 1) - 1 - after : limit;
        List<Map<String, Object>> events = new ArrayList<>();
        long last = after;
        List<Event> read;
        try (Stream<Event> stream = session.streamEvents(after)) {
            read = stream.limit(Math.max(0, count)).toList();
        }
        for (Event event : read) {
            events.add(EventView.of(event));
            last = event.sequence();
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("after", after);
        page.put("first", read.isEmpty() ? after + 1 : read.get(0).sequence());
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
