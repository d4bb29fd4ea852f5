package dev.agentsession.adk;

import com.google.adk.events.Event;
import com.google.adk.sessions.BaseSessionService;
import com.google.adk.sessions.GetSessionConfig;
import com.google.adk.sessions.ListEventsResponse;
import com.google.adk.sessions.ListSessionsResponse;
import com.google.adk.sessions.Session;
import com.google.adk.sessions.SessionException;
import com.google.adk.sessions.SessionNotFoundException;
import com.google.adk.sessions.State;
import com.google.common.collect.MapMaker;
import dev.agentsession.CreateRequest;
import dev.agentsession.DeleteRequest;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.ListRequest;
import dev.agentsession.SessionConflictException;
import dev.agentsession.SessionService;
import dev.agentsession.SessionStoreException;
import dev.agentsession.internal.InputRules;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentMap;

/**
 * A Google ADK {@link BaseSessionService} over any agent-session {@link SessionService}: an ADK
 * agent keeps its sessions in a SQLite file, PostgreSQL, MySQL/MariaDB or memory.
 *
 * <p><b>Blocking, and done when called.</b> Every method does its work when it is called, on the
 * calling thread, as ADK's own in-memory service does ({@code appendEvent} is
 * {@code @CanIgnoreReturnValue} in ADK): the {@code Single}, {@code Maybe} or {@code Completable} it
 * returns holds the outcome, an ignored one loses nothing, and subscribing to it again, or twice,
 * repeats nothing. Call it off an event loop, as any blocking call.
 *
 * <p><b>Events.</b> An appended event reads back equal to the one appended (ADK's
 * {@code Event.equals}), except that its {@code temp:} state keys are not kept and state values
 * read back as ADK's JSON mapper reads them. The store keeps the author, text, thought text,
 * function calls and responses, invocation id, branch and long-running tool ids in its own fields,
 * so the conversation is readable without ADK; the rest is kept losslessly in the event's
 * metadata. Partial events are not stored. An event without an id is given one
 * ({@link Event#generateEventId()}) before it is stored; appending an event whose id the session
 * already holds returns it again without writing, as a retry after a lost reply should.
 *
 * <p><b>State.</b> {@code app:}, {@code user:} and session keys are committed with the event that
 * carries them, {@link State#REMOVED} removes a key, and {@code temp:} keys change only the
 * {@link Session} object in hand (so agents of one invocation share them) and are never stored.
 *
 * <p><b>Stale sessions.</b> Each {@link Session} object this service returns remembers the
 * store's last sequence as of its reading. Appending through an object that has fallen behind
 * (another writer appended since) fails with a {@link SessionException} caused by
 * {@link SessionConflictException}, and nothing is written: read the session again. The check is
 * on the sequence, never on a clock, so an up-to-date object never conflicts. Appends through one
 * object are serialised, so agents running in parallel in one invocation do not conflict.
 *
 * <p><b>Errors.</b> A missing session on append is ADK's {@link SessionNotFoundException}; any
 * other store failure is ADK's {@link SessionException} with the store's
 * {@link SessionStoreException} as its cause. Invalid arguments throw
 * {@link IllegalArgumentException} or {@link NullPointerException} naming the argument.
 *
 * <p>The service does not own the store: closing the store is the caller's business.
 */
public final class AdkSessionService implements BaseSessionService {

    private final SessionService store;
    private final String agentId;
    private final boolean staleSessionCheck;
    private final int eventPageSize;
    /**
     * Per ADK session object handed out: its store handle and the last sequence it has seen. Keyed
     * by the object's identity and held weakly (Guava's weak keys compare by identity), so two
     * objects of one session are tracked apart whatever {@code Session.equals} becomes.
     */
    private final Map<Session, Position> positions = new MapMaker().weakKeys().makeMap();

    private AdkSessionService(Builder builder) {
        this.store = builder.store;
        this.agentId = builder.agentId;
        this.staleSessionCheck = builder.staleSessionCheck;
        this.eventPageSize = builder.eventPageSize;
    }

    /**
     * An ADK session service over {@code store} with the default settings.
     *
     * @throws NullPointerException if {@code store} is null
     */
    public static AdkSessionService over(SessionService store) {
        return builder(store).build();
    }

    /**
     * A builder for an ADK session service over {@code store}.
     *
     * @throws NullPointerException if {@code store} is null
     */
    public static Builder builder(SessionService store) {
        return new Builder(store);
    }

    /** The store this service keeps its sessions in. */
    public SessionService store() {
        return store;
    }

    /**
     * Creates a session. ADK's {@code app:} and {@code user:} keys of {@code state} go to the
     * shared tiers, others to the session; {@code temp:} keys are not kept (as ADK-Python's
     * database service does). A null or blank {@code sessionId} gets a generated id.
     *
     * @return a {@code Single} of the new session, with the shared tiers merged into its state
     */
    @Override
    @SuppressWarnings("deprecation")
    public Single<Session> createSession(String appName, String userId, ConcurrentMap<String, Object> state,
            String sessionId) {
        return createSession(appName, userId, (Map<String, Object>) state, sessionId);
    }

    @Override
    public Single<Session> createSession(String appName, String userId, Map<String, Object> state, String sessionId) {
        return single(() -> call("creating a session", () -> {
            Map<String, Object> initial = new LinkedHashMap<>();
            if (state != null) {
                state.forEach((key, value) -> {
                    if (value != State.REMOVED) {
                        initial.put(key, AdkJson.plain(value));
                    }
                });
            }
            CreateRequest request = CreateRequest.builder(appName, userId, agentId == null ? appName : agentId)
                    .sessionId(sessionId == null || sessionId.isBlank() ? null : sessionId)
                    .state(initial)
                    .build();
            dev.agentsession.Session created = store.create(request);
            return track(created, List.of(), created.lastSequence());
        }));
    }

    /**
     * Reads a session with its state and events. {@code numRecentEvents} reads only the last N
     * events (a last-N query, never the whole history); {@code afterTimestamp} keeps the events
     * whose ADK timestamp is at or after it, and is applied in the store first to the time each
     * event was stored. ADK stamps an event when it builds it, before appending, so an event
     * whose ADK timestamp lies later than its storing (a clock set ahead by hand) is not found by
     * {@code afterTimestamp}. With both, the time filter applies first, then the count.
     *
     * @return a {@code Maybe}: empty when no such session exists in this app and user's scope
     */
    @Override
    public Maybe<Session> getSession(String appName, String userId, String sessionId,
            Optional<GetSessionConfig> config) {
        return maybe(() -> call("reading session '" + sessionId + "'", () -> {
            InputRules.requireNonNull("config", config);
            Optional<dev.agentsession.Session> found = store.get(new GetRequest(appName, userId, sessionId));
            if (found.isEmpty()) {
                return null;
            }
            dev.agentsession.Session session = found.get();
            Optional<Integer> recent = config.flatMap(GetSessionConfig::numRecentEvents);
            Optional<Instant> after = config.flatMap(GetSessionConfig::afterTimestamp);
            recent.ifPresent(n -> InputRules.requireNotNegative("numRecentEvents", n));
            if (recent.isPresent() && recent.get() == 0) {
                return track(session, List.of(), session.lastSequence());
            }
            List<dev.agentsession.Event> stored = eventsOfSnapshot(session, recent.orElse(0), after);
            long seen = session.lastSequence();
            List<Event> events = new ArrayList<>(stored.size());
            for (dev.agentsession.Event event : stored) {
                Event adk = AdkEvents.fromStore(event);
                if (after.isEmpty() || !Instant.ofEpochMilli(adk.timestamp()).isBefore(after.get())) {
                    events.add(adk);
                }
            }
            if (recent.isPresent() && events.size() > recent.get()) {
                events = events.subList(events.size() - recent.get(), events.size());
            }
            return track(session, events, seen);
        }));
    }

    /**
     * The events of a session as of the moment its state was read: those up to its last sequence
     * then. Events appended since are left out, so the events and the state are of one moment, and
     * the session object is stale for the next append exactly when the store has moved on.
     *
     * @param recent the most recent events wanted, or 0 for all
     * @param after the time filter, if any (then every event at or after it, and the count later)
     */
    private static List<dev.agentsession.Event> eventsOfSnapshot(dev.agentsession.Session session, int recent,
            Optional<Instant> after) {
        long last = session.lastSequence();
        int limit = recent;
        while (true) {
            List<dev.agentsession.Event> read = session.events(after.isEmpty() ? EventsOptions.last(limit)
                    : EventsOptions.notBefore(after.get()));
            int newer = 0;
            while (newer < read.size() && read.get(read.size() - 1 - newer).sequence() > last) {
                newer++;
            }
            List<dev.agentsession.Event> kept = read.subList(0, read.size() - newer);
            if (newer == 0 || limit == 0 || after.isPresent() || read.size() < limit) {
                return kept;
            }
            // the newest events read included some written after the snapshot: read as many more
            limit += newer;
        }
    }

    /** @return a {@code Single} of the user's sessions, newest first, with their state and without events */
    @Override
    public Single<ListSessionsResponse> listSessions(String appName, String userId) {
        return single(() -> call("listing sessions", () -> {
            List<Session> sessions = new ArrayList<>();
            for (dev.agentsession.Session session : store.list(ListRequest.all(appName, userId))) {
                sessions.add(track(session, List.of(), session.lastSequence()));
            }
            return ListSessionsResponse.builder().sessions(sessions).build();
        }));
    }

    /** @return a {@code Completable}; deleting a session that does not exist does nothing */
    @Override
    public Completable deleteSession(String appName, String userId, String sessionId) {
        return single(() -> call("deleting session '" + sessionId + "'",
                () -> store.delete(new DeleteRequest(appName, userId, sessionId)))).ignoreElement();
    }

    /**
     * Every event of a session, oldest first, as ADK's own services return them: the store is read
     * page by page ({@link Builder#eventPageSize}), never the whole history at once, and the
     * response carries no page token.
     *
     * @return a {@code Single}; no events for a session that does not exist
     */
    @Override
    public Single<ListEventsResponse> listEvents(String appName, String userId, String sessionId) {
        return single(() -> call("listing the events of session '" + sessionId + "'", () -> {
            Optional<dev.agentsession.Session> found = store.get(new GetRequest(appName, userId, sessionId));
            List<Event> events = new ArrayList<>();
            if (found.isPresent()) {
                try (var stored = found.get().streamEvents(0)) {
                    stored.forEach(event -> events.add(AdkEvents.fromStore(event)));
                }
            }
            return ListEventsResponse.builder().events(events).build();
        }));
    }

    /**
     * One page of a session's events, oldest first, of at most the configured page size.
     *
     * @param pageToken null for the first page, otherwise the token of the previous page
     * @return a {@code Single}; its {@code nextPageToken} is present while more events follow; it
     *     fails with {@link IllegalArgumentException} for a token this service did not give
     */
    public Single<ListEventsResponse> listEvents(String appName, String userId, String sessionId, String pageToken) {
        return single(() -> call("listing the events of session '" + sessionId + "'", () -> {
            long after = pageAfter(pageToken);
            Optional<dev.agentsession.Session> found = store.get(new GetRequest(appName, userId, sessionId));
            if (found.isEmpty()) {
                return ListEventsResponse.builder().events(List.of()).build();
            }
            List<dev.agentsession.Event> page;
            try (var events = found.get().streamEvents(after)) {
                page = events.limit(eventPageSize).toList();
            }
            ListEventsResponse.Builder response = ListEventsResponse.builder()
                    .events(page.stream().map(AdkEvents::fromStore).toList());
            if (!page.isEmpty() && page.get(page.size() - 1).sequence() < found.get().lastSequence()) {
                response.nextPageToken(Long.toString(page.get(page.size() - 1).sequence()));
            }
            return response.build();
        }));
    }

    /**
     * Stores a complete event and its state delta in one transaction, then adds the event to
     * {@code session}'s events and applies its delta to {@code session}'s state (including
     * {@code temp:} keys), as ADK's own services do. A partial event is returned untouched. An
     * event the session already holds (a retry whose first try committed) is returned again, and
     * {@code session} is left exactly as it was.
     *
     * @return a {@code Single} of {@code event}
     */
    @Override
    public Single<Event> appendEvent(Session session, Event event) {
        return single(() -> {
            InputRules.requireNonNull("session", session);
            InputRules.requireNonNull("event", event);
            if (event.partial().orElse(false)) {
                return event;
            }
            String what = "appending event to session '" + session.id() + "'";
            return call(what, () -> append(session, event));
        });
    }

    private Event append(Session session, Event event) {
        if (event.id() == null || event.id().isBlank()) {
            event.setId(Event.generateEventId());
        }
        Position position = positions.computeIfAbsent(session, unused -> new Position());
        synchronized (position) {
            if (position.handle == null) {
                position.handle = store.get(new GetRequest(session.appName(), session.userId(), session.id()))
                        .orElseThrow(() -> new SessionNotFoundException("session '" + session.id()
                                + "' of user '" + session.userId() + "' in app '" + session.appName()
                                + "' does not exist"));
            }
            if (staleSessionCheck && !position.known) {
                takeUntrackedObject(session, position);
            }
            Long expected = staleSessionCheck && position.known ? position.lastSequence : null;
            dev.agentsession.Event stored;
            try {
                stored = position.handle.addEvent(AdkEvents.toStore(event, session.events(), expected));
            } catch (SessionConflictException e) {
                if (e.kind() == SessionConflictException.Kind.EVENT_ID) {
                    throw new SessionException("session '" + session.id() + "' already holds an event with id '"
                            + event.id() + "' and another payload; nothing was written (give a new event its own id)",
                            e);
                }
                throw new SessionException("session '" + session.id() + "' is stale: it was read at event "
                        + position.lastSequence + " and the store holds " + e.currentLastSequence()
                        + "; read it again with getSession before appending", e);
            } catch (dev.agentsession.SessionNotFoundException e) {
                throw new SessionNotFoundException("session '" + session.id() + "' of user '" + session.userId()
                        + "' in app '" + session.appName() + "' no longer exists", e);
            }
            if (position.known && stored.sequence() <= position.lastSequence) {
                // an event this object already holds or has moved past: the store wrote nothing
                return event;
            }
            position.lastSequence = stored.sequence();
            position.known = true;
            applyDelta(session, event);
            session.events().add(event);
            session.lastUpdateTime(stored.createdAt());
            return event;
        }
    }

    /**
     * Starts tracking a {@link Session} object this service did not hand out (built by hand, or
     * by another service): it is current when its newest event is the store's newest, or both have
     * none, and then it is known at the store's last sequence. Otherwise it is stale, as an object
     * read before another writer appended would be.
     *
     * @throws SessionException if the object is stale; nothing is written
     */
    private static void takeUntrackedObject(Session session, Position position) {
        dev.agentsession.Session current = position.handle;
        List<dev.agentsession.Event> newest = current.events(EventsOptions.last(1));
        String storeNewest = newest.isEmpty() ? null : newest.get(0).id();
        List<Event> held = session.events();
        String objectNewest = held.isEmpty() ? null : held.get(held.size() - 1).id();
        if (!Objects.equals(storeNewest, objectNewest)) {
            throw new SessionException("session '" + session.id() + "' is stale: the object in hand ends at "
                    + (objectNewest == null ? "no event" : "event '" + objectNewest + "'") + " and the store at "
                    + (storeNewest == null ? "no event" : "event '" + storeNewest + "' (sequence "
                    + current.lastSequence() + ")") + "; read it again with getSession before appending");
        }
        position.lastSequence = current.lastSequence();
        position.known = true;
    }

    private static void applyDelta(Session session, Event event) {
        if (event.actions() == null) {
            return;
        }
        event.actions().stateDelta().forEach((key, value) -> {
            if (value == State.REMOVED) {
                session.state().remove(key);
            } else {
                session.state().put(key, value);
            }
        });
    }

    private Session track(dev.agentsession.Session stored, List<Event> events, long lastSequence) {
        Session session = adkSession(stored, events);
        Position position = new Position();
        position.handle = stored;
        position.lastSequence = lastSequence;
        position.known = true;
        positions.put(session, position);
        return session;
    }

    private static Session adkSession(dev.agentsession.Session stored, List<Event> events) {
        return Session.builder(stored.id())
                .appName(stored.appName())
                .userId(stored.userId())
                .state(AdkJson.stateFromStore(stored.state()))
                .events(events)
                .lastUpdateTime(stored.updatedAt())
                .build();
    }

    private static long pageAfter(String pageToken) {
        if (pageToken == null) {
            return 0;
        }
        try {
            long after = Long.parseLong(pageToken);
            if (after > 0) {
                return after;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("pageToken '" + pageToken + "' was not given by this service");
    }

    /** @return a {@code Single} of the work's outcome, the work done now, once */
    private static <T> Single<T> single(Callable<T> work) {
        try {
            return Single.just(work.call());
        } catch (Exception e) {
            return Single.error(e);
        }
    }

    /** @return a {@code Maybe} of the work's outcome (empty for null), the work done now, once */
    private static <T> Maybe<T> maybe(Callable<T> work) {
        try {
            T result = work.call();
            return result == null ? Maybe.empty() : Maybe.just(result);
        } catch (Exception e) {
            return Maybe.error(e);
        }
    }

    /** Runs store work, turning store failures into ADK's exception types with the cause kept. */
    private static <T> T call(String what, Callable<T> work) throws Exception {
        try {
            return work.call();
        } catch (dev.agentsession.SessionNotFoundException e) {
            throw new SessionNotFoundException(what + ": " + e.getMessage(), e);
        } catch (SessionStoreException e) {
            throw new SessionException(what + " failed: " + e.getMessage(), e);
        }
    }

    /** What this service knows of one ADK session object it handed out or appended through. */
    private static final class Position {
        dev.agentsession.Session handle;
        long lastSequence;
        boolean known;
    }

    /** Settings of an {@link AdkSessionService}; every one has a default. */
    public static final class Builder {
        private final SessionService store;
        private String agentId;
        private boolean staleSessionCheck = true;
        private int eventPageSize = 1_000;

        private Builder(SessionService store) {
            this.store = java.util.Objects.requireNonNull(store, "store");
        }

        /**
         * The agent id recorded on sessions this service creates (ADK sessions have none).
         * Default: the session's app name.
         */
        public Builder agentId(String agentId) {
            this.agentId = InputRules.requireName("agentId", agentId);
            return this;
        }

        /** Whether an append through a stale {@link Session} object fails (default {@code true}). */
        public Builder staleSessionCheck(boolean staleSessionCheck) {
            this.staleSessionCheck = staleSessionCheck;
            return this;
        }

        /** The most events one page of {@code listEvents} holds (default 1000; at least 1). */
        public Builder eventPageSize(int eventPageSize) {
            if (eventPageSize < 1) {
                throw new IllegalArgumentException("eventPageSize must be at least 1, was " + eventPageSize);
            }
            this.eventPageSize = eventPageSize;
            return this;
        }

        /** @return the service */
        public AdkSessionService build() {
            return new AdkSessionService(this);
        }
    }
}
