package dev.agentsession.micrometer;

import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.DeleteRequest;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionAlreadyExistsException;
import dev.agentsession.SessionConflictException;
import dev.agentsession.SessionNotFoundException;
import dev.agentsession.SessionService;
import dev.agentsession.SessionStoreUnavailableException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A store whose every call is a Micrometer {@link Observation} named {@value #NAME}, with three
 * low-cardinality tags and nothing else: {@code agentsession.backend} ({@code sqlite},
 * {@code postgresql}, {@code mysql}, {@code memory} or {@code other}), {@code agentsession.operation}
 * ({@code create}, {@code get}, {@code list}, {@code delete}, {@code prune}, {@code append},
 * {@code events}, {@code state}, {@code erase-user}) and {@code agentsession.outcome}
 * ({@code success}, {@code not-found}, {@code already-exists}, {@code conflict},
 * {@code unavailable}, {@code bad-input} or {@code error}). Never an id, a name or content. The
 * handles it returns are observed too. Thread-safe as the store is; closing it closes the store.
 */
public final class ObservedSessionService implements SessionService {

    /** The observations' name. */
    public static final String NAME = "agentsession.operation";

    private final SessionService store;
    private final ObservationRegistry registry;
    private final String backend;

    private ObservedSessionService(SessionService store, ObservationRegistry registry) {
        this.store = Objects.requireNonNull(store, "store");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.backend = backend(store);
    }

    /**
     * @param store the store to observe
     * @param registry where the observations go
     * @return the store, observed
     */
    public static SessionService observe(SessionService store, ObservationRegistry registry) {
        return new ObservedSessionService(store, registry);
    }

    private static String backend(SessionService store) {
        String name = store.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        if (name.startsWith("sqlite")) {
            return "sqlite";
        }
        if (name.startsWith("postgres")) {
            return "postgresql";
        }
        if (name.startsWith("mysql")) {
            return "mysql";
        }
        return name.startsWith("memory") ? "memory" : "other";
    }

    <T> T observe(String operation, Supplier<T> call) {
        Observation observation = Observation.createNotStarted(NAME, registry)
                .contextualName("agentsession " + operation)
                .lowCardinalityKeyValue("agentsession.backend", backend)
                .lowCardinalityKeyValue("agentsession.operation", operation)
                .start();
        try (Observation.Scope scope = observation.openScope()) {
            T result = call.get();
            observation.lowCardinalityKeyValue("agentsession.outcome", "success");
            return result;
        } catch (RuntimeException e) {
            observation.lowCardinalityKeyValue("agentsession.outcome", outcome(e));
            observation.error(e);
            throw e;
        } finally {
            observation.stop();
        }
    }

    private static String outcome(RuntimeException e) {
        if (e instanceof SessionNotFoundException) {
            return "not-found";
        }
        if (e instanceof SessionAlreadyExistsException) {
            return "already-exists";
        }
        if (e instanceof SessionConflictException) {
            return "conflict";
        }
        if (e instanceof SessionStoreUnavailableException) {
            return "unavailable";
        }
        return e instanceof IllegalArgumentException ? "bad-input" : "error";
    }

    @Override
    public Session create(CreateRequest request) {
        return new ObservedSession(observe("create", () -> store.create(request)));
    }

    @Override
    public Optional<Session> get(GetRequest request) {
        return observe("get", () -> store.get(request)).map(ObservedSession::new);
    }

    @Override
    public List<Session> list(ListRequest request) {
        return observe("list", () -> store.list(request)).stream().<Session>map(ObservedSession::new).toList();
    }

    @Override
    public boolean delete(DeleteRequest request) {
        return observe("delete", () -> store.delete(request));
    }

    @Override
    public long deleteSessionsUpdatedBefore(Instant cutoff, String appName, String userId) {
        return observe("prune", () -> store.deleteSessionsUpdatedBefore(cutoff, appName, userId));
    }

    @Override
    public Map<String, Object> appState(String appName) {
        return observe("state", () -> store.appState(appName));
    }

    @Override
    public Map<String, Object> userState(String appName, String userId) {
        return observe("state", () -> store.userState(appName, userId));
    }

    @Override
    public long deleteUser(String appName, String userId) {
        return observe("erase-user", () -> store.deleteUser(appName, userId));
    }

    @Override
    public void close() {
        store.close();
    }

    @Override
    public String toString() {
        return store.toString();
    }

    /** A session handle whose appends and reads are observed. */
    private final class ObservedSession implements Session {
        private final Session session;

        ObservedSession(Session session) {
            this.session = session;
        }

        @Override
        public String id() {
            return session.id();
        }

        @Override
        public String appName() {
            return session.appName();
        }

        @Override
        public String userId() {
            return session.userId();
        }

        @Override
        public String agentId() {
            return session.agentId();
        }

        @Override
        public Map<String, Object> metadata() {
            return session.metadata();
        }

        @Override
        public Instant createdAt() {
            return session.createdAt();
        }

        @Override
        public Instant updatedAt() {
            return session.updatedAt();
        }

        @Override
        public Map<String, Object> state() {
            return session.state();
        }

        @Override
        public long lastSequence() {
            return session.lastSequence();
        }

        @Override
        public Event addEvent(AddEventOptions options) {
            return observe("append", () -> session.addEvent(options));
        }

        @Override
        public List<Event> events(EventsOptions options) {
            return observe("events", () -> session.events(options));
        }

        @Override
        public Stream<Event> streamEvents(long afterSequence) {
            return observe("events", () -> session.streamEvents(afterSequence));
        }

        @Override
        public String toString() {
            return session.toString();
        }
    }
}
