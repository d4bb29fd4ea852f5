package dev.agentsession.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.DeleteRequest;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionAlreadyExistsException;
import dev.agentsession.SessionNotFoundException;
import dev.agentsession.SessionService;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Randomized, model-based tests (jqwik): random scripts of create (with initial state), get, list,
 * append (with state deltas in every scope), events, delete, prune, reads of the shared tiers and
 * erasure of a user, across several apps and users, run on the backend and on the reference model
 * (the memory backend), and every observation must be equal. A failure shrinks to a minimal
 * script. A second property checks that one tenant's operations never touch another's sessions.
 *
 * <p>One store is opened per test class; each try works in apps of its own, so tries never see
 * each other's sessions.
 */
public abstract class ModelBasedConformance {

    /** Three tenants: two users of one app, and the first user in a second app. */
    private static final String[][] TENANTS = {{"app-a", "u1"}, {"app-a", "u2"}, {"app-b", "u1"}};
    private static final List<String> IDS = List.of("s1", "s2", "S1");
    private static final AtomicInteger TRIES = new AtomicInteger();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final Map<Class<?>, SessionService> STORES = new ConcurrentHashMap<>();

    /** Opens the backend's store; called once per test class, closed when the class is done. */
    protected abstract SessionService openStore() throws Exception;

    /** Opens a new, empty reference model: the memory backend. */
    protected abstract SessionService openReference();

    private SessionService store() {
        return STORES.computeIfAbsent(getClass(), c -> {
            try {
                return openStore();
            } catch (Exception e) {
                throw new IllegalStateException("cannot open the store under test", e);
            }
        });
    }

    @AfterContainer
    static void closeStores() {
        STORES.values().forEach(SessionService::close);
        STORES.clear();
    }

    // ------------------------------------------------------------------------------ the script

    /** One step of a script. */
    sealed interface Step permits Create, Get, ListSessions, Append, ReadEvents, Delete, Mark, Prune, ReadTiers,
            EraseUser {
    }

    record Create(int tenant, String id, Map<String, Object> metadata, Map<String, Object> state) implements Step { }

    record Get(int tenant, String id) implements Step { }

    record ListSessions(int tenant, int limit) implements Step { }

    record Append(int tenant, String id, String author, String content, Map<String, Object> metadata,
                  Map<String, Object> delta) implements Step { }

    record ReadEvents(int tenant, String id, int limit, long after) implements Step { }

    record Delete(int tenant, String id) implements Step { }

    /** Remembers this moment, as each store's own clock reads it, for a later prune. */
    record Mark() implements Step { }

    /** Deletes the sessions updated before the last mark, for one tenant or its whole app. */
    record Prune(int tenant, boolean wholeApp) implements Step { }

    /** Reads the tenant's app tier and user tier. */
    record ReadTiers(int tenant) implements Step { }

    /** Erases the tenant's user. */
    record EraseUser(int tenant) implements Step { }

    /** Runs a script on one store and records what a program would see. */
    private static final class Runner {
        private final SessionService store;
        private final String prefix;
        private Instant mark = Instant.EPOCH;

        Runner(SessionService store, String prefix) {
            this.store = store;
            this.prefix = prefix;
        }

        String app(int tenant) {
            return prefix + TENANTS[tenant][0];
        }

        String user(int tenant) {
            return TENANTS[tenant][1];
        }

        Optional<Session> find(int tenant, String id) {
            return store.get(new GetRequest(app(tenant), user(tenant), id));
        }

        String run(Step step) throws InterruptedException {
            String seen = observe(step);
            // No two steps share a microsecond, so updatedAt orders sessions the same way on every store.
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            while (!Instant.now().truncatedTo(ChronoUnit.MICROS).isAfter(now)) {
                Thread.onSpinWait();
            }
            return seen;
        }

        private String observe(Step step) {
            if (step instanceof Create c) {
                try {
                    Session s = store.create(CreateRequest.builder(app(c.tenant()), user(c.tenant()), "agent")
                            .sessionId(c.id()).metadata(c.metadata()).state(c.state()).build());
                    return "created " + describe(s);
                } catch (SessionAlreadyExistsException e) {
                    return "exists " + e.sessionId();
                }
            }
            if (step instanceof Get g) {
                return "get " + find(g.tenant(), g.id()).map(Runner::describe).orElse("empty");
            }
            if (step instanceof ListSessions l) {
                return "list " + store.list(new ListRequest(app(l.tenant()), user(l.tenant()), l.limit())).stream()
                        .map(Runner::describe).collect(Collectors.toList());
            }
            if (step instanceof Append a) {
                Optional<Session> session = find(a.tenant(), a.id());
                if (session.isEmpty()) {
                    return "append: no session " + a.id();
                }
                try {
                    Event event = session.get().addEvent(AddEventOptions.builder(a.author()).content(a.content())
                            .metadata(a.metadata()).stateDelta(a.delta()).build());
                    return "appended " + describe(event);
                } catch (SessionNotFoundException e) {
                    return "append: gone " + a.id();
                }
            }
            if (step instanceof ReadEvents r) {
                return "events " + find(r.tenant(), r.id()).map(s -> s.events(new EventsOptions(r.limit(), r.after()))
                        .stream().map(Runner::describe).collect(Collectors.toList()).toString()).orElse("no session");
            }
            if (step instanceof Delete d) {
                return "delete " + store.delete(new DeleteRequest(app(d.tenant()), user(d.tenant()), d.id()));
            }
            if (step instanceof ReadTiers t) {
                return "tiers " + canonical(store.appState(app(t.tenant()))) + " "
                        + canonical(store.userState(app(t.tenant()), user(t.tenant())));
            }
            if (step instanceof EraseUser e) {
                return "erased " + store.deleteUser(app(e.tenant()), user(e.tenant()));
            }
            if (step instanceof Mark) {
                mark = Instant.now();
                return "mark";
            }
            Prune p = (Prune) step;
            return "prune " + store.deleteSessionsUpdatedBefore(mark, app(p.tenant()), p.wholeApp() ? null : user(p.tenant()));
        }

        private static String describe(Session s) {
            return s.userId() + "/" + s.id() + " " + canonical(s.metadata()) + " state " + canonical(s.state())
                    + " at " + s.lastSequence();
        }

        private static String describe(Event e) {
            return "#" + e.sequence() + " " + e.author() + ": " + e.content() + " " + canonical(e.metadata())
                    + " delta " + canonical(e.stateDelta());
        }
    }

    /** A JSON value with map keys sorted: key order is not part of the contract. */
    static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put((String) k, canonical(v)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ModelBasedConformance::canonical).collect(Collectors.toList());
        }
        return value;
    }

    private List<String> run(SessionService store, List<Step> script, String prefix) throws InterruptedException {
        Runner runner = new Runner(store, prefix);
        List<String> seen = new ArrayList<>();
        for (Step step : script) {
            seen.add(runner.run(step));
        }
        return seen;
    }

    // ---------------------------------------------------------------------------- properties

    @Property(tries = 40)
    void everyObservationEqualsTheReferenceModel(@ForAll("scripts") List<Step> script) throws InterruptedException {
        String prefix = RUN + "-" + TRIES.incrementAndGet() + "-";
        List<String> expected;
        try (SessionService reference = openReference()) {
            expected = run(reference, script, prefix);
        }
        List<String> actual = run(store(), script, prefix);
        assertThat(actual).isEqualTo(expected);
    }

    @Property(tries = 25)
    void noTenantEverTouchesAnothersSessions(@ForAll("scripts") List<Step> script) throws InterruptedException {
        String prefix = RUN + "-" + TRIES.incrementAndGet() + "-";
        SessionService store = store();
        Runner victim = new Runner(store, prefix + "victim-");
        String secret = "secret of " + prefix;
        Session owned = store.create(CreateRequest.builder(victim.app(0), victim.user(0), "agent").sessionId("s1")
                .metadata(Map.of("owner", secret)).build());
        owned.addEvent(AddEventOptions.of("user", secret));
        List<String> before = snapshot(victim);

        // The other tenants, in apps whose names differ from the victim's only by prefix, use the
        // same ids ("s1" included); prunes and deletes run in their scopes.
        List<String> seen = run(store, script, prefix);

        assertThat(seen).noneMatch(line -> line.contains(secret));
        assertThat(snapshot(victim)).isEqualTo(before);
    }

    private static List<String> snapshot(Runner runner) {
        List<String> state = new ArrayList<>();
        for (Session s : runner.store.list(ListRequest.all(runner.app(0), runner.user(0)))) {
            state.add(Runner.describe(s) + " " + s.updatedAt());
            s.events(EventsOptions.all()).forEach(e -> state.add(Runner.describe(e) + " " + e.id()));
        }
        return state;
    }

    // ---------------------------------------------------------------------------- generators

    @Provide
    Arbitrary<List<Step>> scripts() {
        Arbitrary<Step> get = Combinators.combine(tenant(), id()).as((t, i) -> new Get(t, i));
        Arbitrary<Step> list = Combinators.combine(tenant(), Arbitraries.integers().between(0, 3))
                .as((t, limit) -> new ListSessions(t, limit));
        Arbitrary<Step> events = Combinators.combine(tenant(), id(), Arbitraries.integers().between(0, 4),
                Arbitraries.longs().between(0, 4)).as((t, i, limit, after) -> new ReadEvents(t, i, limit, after));
        Arbitrary<Step> delete = Combinators.combine(tenant(), id()).as((t, i) -> new Delete(t, i));
        Arbitrary<Step> mark = Arbitraries.just(new Mark());
        Arbitrary<Step> prune = Combinators.combine(tenant(), Arbitraries.of(true, false))
                .as((t, wholeApp) -> new Prune(t, wholeApp));
        Arbitrary<Step> tiers = tenant().map(ReadTiers::new);
        Arbitrary<Step> erase = tenant().map(EraseUser::new);
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                Tuple.of(4, create()), Tuple.of(2, get), Tuple.of(2, list), Tuple.of(6, append()),
                Tuple.of(3, events), Tuple.of(2, delete), Tuple.of(1, mark), Tuple.of(1, prune),
                Tuple.of(2, tiers), Tuple.of(1, erase));
        return step.list().ofMinSize(1).ofMaxSize(30);
    }

    private static Arbitrary<Integer> tenant() {
        return Arbitraries.integers().between(0, TENANTS.length - 1);
    }

    private static Arbitrary<String> id() {
        return Arbitraries.of(IDS);
    }

    private static Arbitrary<Step> create() {
        return Combinators.combine(tenant(), id(), metadata(), delta()).as((t, i, m, d) -> new Create(t, i, m, d));
    }

    private static Arbitrary<Step> append() {
        return Combinators.combine(tenant(), id(), Arbitraries.of("user", "agent", "tool"), text(), metadata(),
                delta()).as((t, i, author, content, m, d) -> new Append(t, i, author, content, m, d));
    }

    /** A state delta over a few keys of every scope; a null value removes the key. */
    private static Arbitrary<Map<String, Object>> delta() {
        String removal = "<remove>";
        Arbitrary<Object> value = Arbitraries.oneOf(
                Arbitraries.just(removal).map(v -> (Object) v),
                Arbitraries.longs().between(-3, 3).map(v -> (Object) v),
                Arbitraries.of("x", "東京").map(v -> (Object) v),
                Arbitraries.just(Map.<String, Object>of("n", 2.5, "l", List.of(1L, "y"))).map(v -> (Object) v));
        return Arbitraries.maps(Arbitraries.of("k1", "k2", "app:a1", "app:a2", "user:u1", "user:u2", "temp:t"), value)
                .ofMaxSize(3).map(map -> {
                    Map<String, Object> delta = new HashMap<>();
                    map.forEach((key, v) -> delta.put(key, removal.equals(v) ? null : v));
                    return delta;
                });
    }

    private static Arbitrary<String> text() {
        return Arbitraries.of("hello", "東京", "😀 emoji", "' OR 1=1 --", "", "line\nbreak", "  spaced  ")
                .list().ofMaxSize(3).map(parts -> String.join(" ", parts));
    }

    private static Arbitrary<Map<String, Object>> metadata() {
        Arbitrary<Object> value = Arbitraries.oneOf(
                Arbitraries.longs().between(-1_000_000, 1_000_000).map(v -> (Object) v),
                Arbitraries.of(0.5, -2.25, 1.0E10, 3.0).map(v -> (Object) v),
                Arbitraries.of(true, false).map(v -> (Object) v),
                text().map(v -> (Object) v),
                Arbitraries.just(List.<Object>of("x", 1L)).map(v -> (Object) v));
        return Arbitraries.maps(Arbitraries.of("k", "名前", "with space", "n"), value).ofMaxSize(3);
    }
}
