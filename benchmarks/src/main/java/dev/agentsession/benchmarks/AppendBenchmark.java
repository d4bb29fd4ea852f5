package dev.agentsession.benchmarks;

import dev.agentsession.CreateRequest;
import dev.agentsession.Event;
import dev.agentsession.Session;
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
    Session shared;

    @Setup(Level.Trial)
    public void open() throws Exception {
        fixture = Fixture.open(backend, "append", true);
        shared = newSession(this);
    }

    @TearDown(Level.Trial)
    public void close() {
        fixture.close();
    }

    static Session newSession(AppendBenchmark bench) throws Exception {
        Session session = bench.fixture.service.create(CreateRequest.of("bench", "user", "agent"));
        if (bench.backend == Backend.MEMORY) {
            for (int i = 0; i < bench.history; i++) {
                session.addEvent(Fixture.EVENT);
            }
        } else {
            bench.fixture.bulkLoad(bench.fixture.pk(session.id()), bench.history);
        }
        return session;
    }

    /** The session one thread appends to. */
    @State(Scope.Thread)
    public static class Writer {
        Session session;

        @Setup(Level.Trial)
        public void open(AppendBenchmark bench) throws Exception {
            session = bench.sharing.equals("shared") ? bench.shared : newSession(bench);
        }
    }

    @Benchmark
    public Event append(Writer writer) {
        return writer.session.addEvent(build.equals("prebuilt") ? Fixture.EVENT : Fixture.event());
    }
}
