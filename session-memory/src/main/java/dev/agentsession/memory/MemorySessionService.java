package dev.agentsession.memory;

import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.DeleteRequest;
import dev.agentsession.Event;
import dev.agentsession.GetRequest;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionAlreadyExistsException;
import dev.agentsession.SessionConflictException;
import dev.agentsession.SessionNotFoundException;
import dev.agentsession.SessionService;
import dev.agentsession.internal.IdempotentAppends;
import dev.agentsession.internal.InputRules;
import dev.agentsession.internal.SessionIds;
import dev.agentsession.internal.StateDelta;
import dev.agentsession.spi.SessionImport;
import dev.agentsession.spi.StoreCatalog;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A {@link SessionService} that keeps everything in this JVM's memory, for tests and prototypes.
 * Nothing survives {@link #close()}.
 *
 * <p>It is also the reference model the database backends are compared against, so it is
 * written to be plainly correct: one lock guards all state, and every operation runs entirely
 * under it. Stored values are immutable, so what it hands out never aliases what it keeps.
 */
public final class MemorySessionService implements SessionService, SessionImport, StoreCatalog {

    /** A session's key: ids are unique within an (appName, userId) scope. */
    private record Key(String appName, String userId, String sessionId) {
    }

    /** A user tier's key. */
    private record UserKey(String appName, String userId) {
    }

    /**
     * Newest first, then by id in code point order, which is how the databases compare their
     * binary-collated keys (String.compareTo would order by UTF-16 unit instead).
     */
    private static final Comparator<StoredSession> NEWEST_FIRST =
            Comparator.comparing((StoredSession s) -> s.updatedAt).reversed()
                    .thenComparing(s -> s.id, MemorySessionService::compareCodePoints);

    private final Object lock = new Object();
    private final Map<Key, StoredSession> sessions = new HashMap<>();
    private final Map<String, Map<String, Object>> appTiers = new HashMap<>();
    private final Map<UserKey, Map<String, Object>> userTiers = new HashMap<>();
    private final Clock clock;
    private boolean closed;

    private MemorySessionService(Clock clock) {
        this.clock = clock;
    }

    /** An empty store on the system clock. */
    public static MemorySessionService create() {
        return builder().build();
    }

    /** Starts configuring a store. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Session create(CreateRequest request) {
        InputRules.requireNonNull("request", request);
        synchronized (lock) {
            checkOpen();
            String id = request.sessionId() != null ? request.sessionId() : SessionIds.next();
            Key key = new Key(request.appName(), request.userId(), id);
            if (sessions.containsKey(key)) {
                throw new SessionAlreadyExistsException(request.appName(), request.userId(), id, null);
            }
            StoredSession stored = new StoredSession(request.appName(), request.userId(), id,
                    request.agentId(), request.metadata(), now());
            applyDelta(stored, StateDelta.split(request.state()), "state");
            sessions.put(key, stored);
            return handle(stored);
        }
    }

    @Override
    public Optional<Session> get(GetRequest request) {
        InputRules.requireNonNull("request", request);
        synchronized (lock) {
            checkOpen();
            StoredSession stored = sessions.get(
                    new Key(request.appName(), request.userId(), request.sessionId()));
            return Optional.ofNullable(stored).map(this::handle);
        }
    }

    @Override
    public List<Session> list(ListRequest request) {
        InputRules.requireNonNull("request", request);
        synchronized (lock) {
            checkOpen();
            List<StoredSession> matching = new ArrayList<>();
            for (StoredSession stored : sessions.values()) {
                if (stored.appName.equals(request.appName()) && stored.userId.equals(request.userId())) {
                    matching.add(stored);
                }
            }
            matching.sort(NEWEST_FIRST);
            int count = request.limit() == 0 ? matching.size() : Math.min(request.limit(), matching.size());
            List<Session> result = new ArrayList<>(count);
            for (StoredSession stored : matching.subList(0, count)) {
                result.add(handle(stored));
            }
            return List.copyOf(result);
        }
    }

    @Override
    public boolean delete(DeleteRequest request) {
        InputRules.requireNonNull("request", request);
        synchronized (lock) {
            checkOpen();
            StoredSession removed = sessions.remove(
                    new Key(request.appName(), request.userId(), request.sessionId()));
            if (removed == null) {
                return false;
            }
            removed.discard();
            return true;
        }
    }

    @Override
    public long deleteSessionsUpdatedBefore(Instant cutoff, String appName, String userId) {
        InputRules.requireCleanup(cutoff, appName, userId);
        synchronized (lock) {
            checkOpen();
            long deleted = 0;
            for (Iterator<StoredSession> it = sessions.values().iterator(); it.hasNext(); ) {
                StoredSession stored = it.next();
                if (stored.appName.equals(appName)
                        && (userId == null || stored.userId.equals(userId))
                        && stored.updatedAt.isBefore(cutoff)) {
                    it.remove();
                    stored.discard();
                    deleted++;
                }
            }
            return deleted;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (!closed) {
                closed = true;
                sessions.clear();
                appTiers.clear();
                userTiers.clear();
            }
        }
    }

    @Override
    public String toString() {
        return "MemorySessionService[in this JVM's memory]";
    }

    /** Appends under the lock; called by the session handles. */
    Event addEvent(StoredSession stored, AddEventOptions options) {
        InputRules.requireNonNull("options", options);
        synchronized (lock) {
            checkOpen();
            if (stored.isDiscarded()) {
                throw new SessionNotFoundException(stored.appName, stored.userId, stored.id);
            }
            long last = stored.events.size();
            Map<String, Object> delta = StateDelta.stored(options.stateDelta());
            if (options.eventId() != null) {
                Event existing = stored.event(options.eventId());
                if (existing != null) {
                    if (!IdempotentAppends.samePayload(existing, options)) {
                        throw SessionConflictException.eventId(stored.id, options.eventId(), last);
                    }
                    return existing;
                }
            }
            if (options.expectedLastSequence() != null && options.expectedLastSequence() != last) {
                throw SessionConflictException.sequence(stored.id, options.expectedLastSequence(), last);
            }
            applyDelta(stored, StateDelta.split(options.stateDelta()), "stateDelta");
            // Time never runs backwards along a session, even if the wall clock does.
            Instant createdAt = later(now(), stored.updatedAt);
            String id = options.eventId() != null ? options.eventId() : SessionIds.next();
            Event event = new Event(id, stored.id, last + 1,
                    options.invocationId(), options.agentId(), options.branch(),
                    options.author(), options.content(), options.reasoning(),
                    options.actions(), options.longRunningToolIds(), options.metadata(), createdAt, delta);
            stored.append(event);
            return event;
        }
    }

    /**
     * Applies a delta to the session and the tiers, or, if a tier would grow over its limit,
     * throws and changes nothing.
     */
    private void applyDelta(StoredSession stored, StateDelta delta, String field) {
        if (delta.isEmpty()) {
            return;
        }
        Map<String, Object> session = new HashMap<>(stored.state);
        Map<String, Object> app = new HashMap<>(appTiers.getOrDefault(stored.appName, Map.of()));
        Map<String, Object> user = new HashMap<>(userTiers.getOrDefault(new UserKey(stored.appName, stored.userId),
                Map.of()));
        StateDelta.apply(session, delta.session());
        StateDelta.apply(app, delta.app());
        StateDelta.apply(user, delta.user());
        StateDelta.requireTierSize(field, "session", session);
        StateDelta.requireTierSize(field, "app", app);
        StateDelta.requireTierSize(field, "user", user);
        stored.state.clear();
        stored.state.putAll(session);
        appTiers.put(stored.appName, app);
        userTiers.put(new UserKey(stored.appName, stored.userId), user);
    }

    @Override
    public List<String> appNames() {
        synchronized (lock) {
            checkOpen();
            TreeSet<String> names = new TreeSet<>(MemorySessionService::compareCodePoints);
            sessions.keySet().forEach(key -> names.add(key.appName()));
            appTiers.forEach((app, tier) -> {
                if (!tier.isEmpty()) {
                    names.add(app);
                }
            });
            userTiers.forEach((key, tier) -> {
                if (!tier.isEmpty()) {
                    names.add(key.appName());
                }
            });
            return List.copyOf(names);
        }
    }

    private static final Comparator<Scope> SCOPE_ORDER =
            Comparator.comparing(Scope::appName, MemorySessionService::compareCodePoints)
                    .thenComparing(Scope::userId, MemorySessionService::compareCodePoints);

    @Override
    public List<Scope> scopesOf(String sessionId) {
        InputRules.requireName("sessionId", sessionId);
        synchronized (lock) {
            checkOpen();
            return sessions.keySet().stream().filter(key -> key.sessionId().equals(sessionId))
                    .map(key -> new Scope(key.appName(), key.userId())).sorted(SCOPE_ORDER).toList();
        }
    }

    @Override
    public List<Scope> scopes(String appName) {
        synchronized (lock) {
            checkOpen();
            TreeSet<Scope> scopes = new TreeSet<>(SCOPE_ORDER);
            sessions.keySet().stream().filter(key -> appName == null || key.appName().equals(appName))
                    .forEach(key -> scopes.add(new Scope(key.appName(), key.userId())));
            userTiers.forEach((key, tier) -> {
                if (!tier.isEmpty() && (appName == null || key.appName().equals(appName))) {
                    scopes.add(new Scope(key.appName(), key.userId()));
                }
            });
            return List.copyOf(scopes);
        }
    }

    @Override
    public boolean importSession(ImportedSession session, Iterator<Event> events, OnExisting onExisting) {
        InputRules.requireNonNull("session", session);
        InputRules.requireNonNull("events", events);
        InputRules.requireNonNull("onExisting", onExisting);
        synchronized (lock) {
            checkOpen();
            Key key = new Key(session.appName(), session.userId(), session.id());
            StoredSession existing = sessions.get(key);
            if (existing != null && onExisting == OnExisting.FAIL) {
                throw new SessionAlreadyExistsException(session.appName(), session.userId(), session.id(), null);
            }
            if (existing != null && onExisting == OnExisting.SKIP) {
                return false;
            }
            StoredSession stored = new StoredSession(session.appName(), session.userId(), session.id(),
                    session.agentId(), session.metadata(), session.createdAt());
            long expected = 1;
            while (events.hasNext()) {
                stored.append(SessionImport.next(session, events.next(), expected++));
            }
            SessionImport.requireComplete(session, expected - 1);
            StateDelta.requireTierSize("state", "session", session.state());
            stored.state.putAll(session.state());
            stored.updatedAt = session.updatedAt();
            if (existing != null) {
                existing.discard();
            }
            sessions.put(key, stored);
            return true;
        }
    }

    @Override
    public void importAppState(String appName, Map<String, Object> state) {
        InputRules.requireName("appName", appName);
        importTier(appTiers, appName, "app", state);
    }

    @Override
    public void importUserState(String appName, String userId, Map<String, Object> state) {
        InputRules.requireName("appName", appName);
        InputRules.requireName("userId", userId);
        importTier(userTiers, new UserKey(appName, userId), "user", state);
    }

    private <K> void importTier(Map<K, Map<String, Object>> tiers, K key, String tier, Map<String, Object> state) {
        Map<String, Object> changes = StateDelta.copy("state", state);
        synchronized (lock) {
            checkOpen();
            Map<String, Object> values = new HashMap<>(tiers.getOrDefault(key, Map.of()));
            StateDelta.apply(values, changes);
            StateDelta.requireTierSize("state", tier, values);
            tiers.put(key, values);
        }
    }

    @Override
    public Map<String, Object> appState(String appName) {
        InputRules.requireName("appName", appName);
        synchronized (lock) {
            checkOpen();
            return Collections.unmodifiableMap(new TreeMap<>(appTiers.getOrDefault(appName, Map.of())));
        }
    }

    @Override
    public Map<String, Object> userState(String appName, String userId) {
        InputRules.requireName("appName", appName);
        InputRules.requireName("userId", userId);
        synchronized (lock) {
            checkOpen();
            return Collections.unmodifiableMap(new TreeMap<>(
                    userTiers.getOrDefault(new UserKey(appName, userId), Map.of())));
        }
    }

    @Override
    public long deleteUser(String appName, String userId) {
        InputRules.requireName("appName", appName);
        InputRules.requireName("userId", userId);
        synchronized (lock) {
            checkOpen();
            long deleted = 0;
            for (Iterator<StoredSession> it = sessions.values().iterator(); it.hasNext(); ) {
                StoredSession stored = it.next();
                if (stored.appName.equals(appName) && stored.userId.equals(userId)) {
                    it.remove();
                    stored.discard();
                    deleted++;
                }
            }
            userTiers.remove(new UserKey(appName, userId));
            return deleted;
        }
    }

    /** Reads under the lock; called by the session handles. A null {@code notBefore} filters nothing. */
    List<Event> events(StoredSession stored, long afterSequence, Instant notBefore, int limit) {
        synchronized (lock) {
            checkOpen();
            List<Event> events = stored.events;
            // Sequence s sits at index s - 1, so "after s" starts at index s.
            List<Event> later = events.subList((int) Math.min(afterSequence, events.size()), events.size());
            if (notBefore != null) {
                later = later.stream().filter(event -> !event.createdAt().isBefore(notBefore)).toList();
            }
            int from = limit > 0 ? Math.max(0, later.size() - limit) : 0;
            return List.copyOf(later.subList(from, later.size()));
        }
    }

    /** Reads one page of the oldest events after a sequence; called by the session handles. */
    List<Event> page(StoredSession stored, long afterSequence, int pageSize) {
        synchronized (lock) {
            checkOpen();
            List<Event> events = stored.events;
            int from = (int) Math.min(afterSequence, events.size());
            int to = Math.min(events.size(), from + pageSize);
            return List.copyOf(events.subList(from, to));
        }
    }

    /** Fails once the service is closed; called by the session handles too. */
    void checkOpen() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the session service is closed");
            }
        }
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private Session handle(StoredSession stored) {
        Map<String, Object> state = StateDelta.view(stored.state, appTiers.getOrDefault(stored.appName, Map.of()),
                userTiers.getOrDefault(new UserKey(stored.appName, stored.userId), Map.of()));
        return new MemorySession(this, stored, state);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** Configures a {@link MemorySessionService}. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Sets the clock that stamps sessions and events (the system UTC clock by default);
         * its instants are truncated to microseconds.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @return a new, empty store */
        public MemorySessionService build() {
            return new MemorySessionService(clock);
        }
    }
}
