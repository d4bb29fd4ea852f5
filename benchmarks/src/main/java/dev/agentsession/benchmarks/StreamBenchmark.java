package dev.agentsession.benchmarks;

import dev.agentsession.CreateRequest;
import dev.agentsession.GetRequest;
import dev.agentsession.Session;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reads every event of a session of {@code sessionEvents} events through
 * {@code streamEvents(0)}; the report runs it in a JVM whose heap is capped at 64 MiB, so it
 * completes only if memory stays constant.
 */
@State(Scope.Benchmark)
public class StreamBenchmark {

    @Param({"SQLITE", "POSTGRES", "MARIADB"})
    public Backend backend;

    @Param({"100000"})
    public int sessionEvents;

    Fixture fixture;
    Session session;

    @Setup(Level.Trial)
    public void open() throws Exception {
        String name = "stream_" + sessionEvents;
        fixture = Fixture.open(backend, name, false);
        if (fixture.count("events") != sessionEvents) {
            fixture.close();
            fixture = Fixture.open(backend, name, true);
            Session created = fixture.service.create(CreateRequest.builder("bench", "user", "agent")
                    .sessionId("long").build());
            fixture.bulkLoad(fixture.pk(created.id()), sessionEvents);
        }
        fixture.analyze();
        session = fixture.service.get(new GetRequest("bench", "user", "long")).orElseThrow();
    }

    @TearDown(Level.Trial)
    public void close() {
        fixture.close();
    }

    @Benchmark
    public long stream(Blackhole sink) {
        long[] count = new long[1];
        session.streamEvents(0).forEach(event -> {
            sink.consume(event);
            count[0]++;
        });
        if (count[0] != sessionEvents) {
            throw new IllegalStateException("streamed " + count[0] + " of " + sessionEvents + " events");
        }
        return count[0];
    }
}
