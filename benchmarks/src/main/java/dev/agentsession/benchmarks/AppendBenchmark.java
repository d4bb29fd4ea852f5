package dev.agentsession.benchmarks;

import dev.agentsession.CreateRequest;
import dev.agentsession.Event;
import dev.agentsession.Session;
import java.sql.SQLException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code session.addEvent} of a ~1 KB event with one tool call, metadata, an invocation id and a
 * branch, to a session already holding {@code history} events: each thread on a session of its
 * own ({@code distinct}) or all threads on one ({@code shared}). {@code per-call} builds and
 * validates a new event for every append, as a program does; {@code prebuilt} appends one event
 * built once, which leaves out what the caller pays before the store is reached.
 */
@State(Scope.Benchmark)
public class AppendBenchmark {

    @Param({"SQLITE", "POSTGRES", "MARIADB", "MEMORY"})
    public Backend backend;

    @Param({"10", "10000"})
    public int history;

    @Param({"distinct", "shared"})
    public String sharing;

    @Param({"per-call", "prebuilt"})
    public String build;

    Fixture fixture;
    AppendTarget shared;

    @Setup(Level.Trial)
    public void open() throws Exception {
        fixture = Fixture.open(backend, "append", true);
        shared = newTarget(this);
    }

    @TearDown(Level.Trial)
    public void close() {
        fixture.close();
    }

    static AppendTarget newTarget(AppendBenchmark bench) {
        return new AppendTarget(bench.fixture, () -> newSession(bench));
    }

    private static Session newSession(AppendBenchmark bench) {
        Session session = bench.fixture.service.create(CreateRequest.of("bench", "user", "agent"));
        if (bench.backend == Backend.MEMORY) {
            for (int i = 0; i < bench.history; i++) {
                session.addEvent(Fixture.EVENT);
            }
        } else {
            try {
                bench.fixture.bulkLoad(bench.fixture.pk(session.id()), bench.history);
            } catch (SQLException e) {
                throw new IllegalStateException("loading the history of the benchmark's session failed", e);
            }
        }
        return session;
    }

    /** The session one thread appends to. */
    @State(Scope.Thread)
    public static class Writer {
        AppendTarget target;

        @Setup(Level.Trial)
        public void open(AppendBenchmark bench) {
            target = bench.sharing.equals("shared") ? bench.shared : newTarget(bench);
        }
    }

    @Benchmark
    public Event append(Writer writer) {
        return writer.target.append(build.equals("prebuilt") ? Fixture.EVENT : Fixture.event());
    }
}
