package dev.agentsession.benchmarks;

import dev.agentsession.CreateRequest;
import dev.agentsession.Event;
import dev.agentsession.GetRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What state costs, each beside the same call without it, on one thread: an append whose delta
 * changes a key of each tier (session, user, app) beside a plain append of the same event; an
 * append that names the sequence it expects beside one that does not; and reading a session with
 * its state (ten keys of its own, five of its user, five of its app) beside reading one without.
 */
@State(Scope.Benchmark)
public class StateBenchmark {

    @Param({"SQLITE", "POSTGRES", "MARIADB", "MEMORY"})
    public Backend backend;

    Fixture fixture;
    AppendTarget appendTo;
    long lastSequence;
    long step;

    @Setup(Level.Trial)
    public void open() throws Exception {
        fixture = Fixture.open(backend, "state", true);
        appendTo = new AppendTarget(fixture, () -> fixture.service.create(CreateRequest.of("bench", "writer", "agent")));
        createReadSessions(fixture.service);
    }

    /**
     * Creates the sessions the reads read: "stateful" of user "reader" with ten keys of its own, five
     * of its user and five of app "bench", and "stateless" of user "bare" with none of its own (its
     * app's five keys are still its state).
     */
    static void createReadSessions(SessionService service) {
        Map<String, Object> state = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            state.put("key_" + i, "a value of some twenty characters " + i);
        }
        for (int i = 0; i < 5; i++) {
            state.put("user:pref_" + i, Map.of("unit", "metric", "rank", i));
            state.put("app:setting_" + i, true);
        }
        service.create(CreateRequest.builder("bench", "reader", "agent").sessionId("stateful").state(state).build());
        service.create(CreateRequest.builder("bench", "bare", "agent").sessionId("stateless").build());
    }

    @TearDown(Level.Trial)
    public void close() {
        fixture.close();
    }

    @Benchmark
    public Event appendPlain() {
        return appendTo.append(Fixture.event());
    }

    @Benchmark
    public Event appendWithDelta() {
        step++;
        return appendTo.append(Fixture.eventBuilder()
                .stateDelta(Map.of("step", step, "user:last_city", "Kyoto", "app:forecasts", step)).build());
    }

    /** Each call names the sequence the previous one reached (the session is this benchmark's alone). */
    @Benchmark
    public Event appendExpectingSequence() {
        Event event = appendTo.session().addEvent(Fixture.eventBuilder().expectedLastSequence(lastSequence).build());
        lastSequence = appendTo.appended() ? 0 : event.sequence();
        return event;
    }

    @Benchmark
    public Optional<Session> getWithState() {
        return fixture.service.get(new GetRequest("bench", "reader", "stateful"));
    }

    @Benchmark
    public Optional<Session> getWithoutState() {
        return fixture.service.get(new GetRequest("bench", "bare", "stateless"));
    }
}
