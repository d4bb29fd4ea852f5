package dev.agentsession.adk;

import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.DeleteRequest;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A store that passes every call on and records the event reads asked of its sessions; it can run
 * another writer's work just before the next read of events.
 */
final class RecordingStore implements SessionService {

    final List<EventsOptions> reads = new CopyOnWriteArrayList<>();
    /** Runs once, just before the next read of a session's events: another writer's work in between. */
    volatile Runnable beforeNextEventsRead;
    private final SessionService store;

    RecordingStore(SessionService store) {
        this.store = store;
    }

    @Override
    public Session create(CreateRequest request) {
        return new Recorded(store.create(request));
    }

    @Override
    public Optional<Session> get(GetRequest request) {
        return store.get(request).map(Recorded::new);
    }

    @Override
    public List<Session> list(ListRequest request) {
        return store.list(request).stream().<Session>map(Recorded::new).toList();
    }

    @Override
    public boolean delete(DeleteRequest request) {
        return store.delete(request);
    }

    @Override
    public long deleteSessionsUpdatedBefore(Instant cutoff, String appName, String userId) {
        return store.deleteSessionsUpdatedBefore(cutoff, appName, userId);
    }

    @Override
    public Map<String, Object> appState(String appName) {
        return store.appState(appName);
    }

    @Override
    public Map<String, Object> userState(String appName, String userId) {
        return store.userState(appName, userId);
    }

    @Override
    public long deleteUser(String appName, String userId) {
        return store.deleteUser(appName, userId);
    }

    @Override
    public void close() {
        store.close();
    }

    private final class Recorded implements Session {
        private final Session session;

        Recorded(Session session) {
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
            return session.addEvent(options);
        }

        @Override
        public List<Event> events(EventsOptions options) {
            reads.add(options);
            Runnable between = beforeNextEventsRead;
            beforeNextEventsRead = null;
            if (between != null) {
                between.run();
            }
            return session.events(options);
        }

        @Override
        public Stream<Event> streamEvents(long afterSequence) {
            return session.streamEvents(afterSequence);
        }
    }
}
