package dev.agentsession.benchmarks.adk;

import com.google.adk.sessions.Session;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * ADK's {@code getSession} of a whole session, as a Runner does before every turn: every event read
 * and turned back into ADK events, with the session's state.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AdkGetSessionBenchmark {

    @Param({"SQLITE", "POSTGRES", "MARIADB"})
    public AdkStore.Backend backend;

    @Param({"1000", "5000", "20000"})
    public int events;

    private AdkStore fixture;

    @Setup
    public void load() throws Exception {
        fixture = AdkStore.withSession(backend, events);
        Session session = fullLoad();
        if (session.events().size() != events) {
            throw new IllegalStateException("read " + session.events().size() + " events, wrote " + events);
        }
    }

    @TearDown
    public void close() {
        fixture.close();
    }

    /** The same events read through the store's own API, without ADK: what the adapter adds is the difference. */
    @Benchmark
    public List<dev.agentsession.Event> storeRead() {
        return fixture.store.get(new GetRequest(AdkStore.APP, AdkStore.USER, fixture.sessionId)).orElseThrow()
                .events(EventsOptions.all());
    }

    @Benchmark
    public Session fullLoad() {
        return fixture.adk.getSession(AdkStore.APP, AdkStore.USER, fixture.sessionId, Optional.empty()).blockingGet();
    }
}
