package dev.agentsession.benchmarks;

import dev.agentsession.Action;
import dev.agentsession.Event;
import dev.agentsession.portability.ExportFilter;
import dev.agentsession.portability.StoreCopy;
import dev.agentsession.portability.Summary;
import dev.agentsession.spi.SessionImport;
import dev.agentsession.spi.SessionImport.ImportedSession;
import dev.agentsession.spi.SessionImport.OnExisting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Copies a SQLite store of {@code sessions} × {@code eventsPerSession} events (each ~1 KB of
 * text, a tool call, metadata) into a fresh store on {@code target}: one timed run per
 * invocation (single shot), the target made anew each time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CopyBenchmark {

    @Param({"10000"})
    public int sessions;

    @Param({"100"})
    public int eventsPerSession;

    @Param({"POSTGRES"})
    public Backend target;

    Fixture source;
    Fixture copy;

    @Setup(Level.Trial)
    public void generate() throws Exception {
        source = Fixture.open(Backend.SQLITE, "copy_source_" + sessions + "x" + eventsPerSession, true);
        SessionImport importer = (SessionImport) source.service;
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int s = 0; s < sessions; s++) {
            String id = "session-" + s;
            List<Event> events = new ArrayList<>(eventsPerSession);
            for (int e = 1; e <= eventsPerSession; e++) {
                events.add(new Event("e-" + e, id, e, "inv-" + e, "helper", "root", e % 2 == 0 ? "helper" : "user",
                        Fixture.CONTENT, null, List.of(Action.of("lookup", Map.of("q", "kyoto"), Map.of("ok", true))),
                        List.of(), Map.of("n", (long) e), start.plusSeconds(s * 1000L + e), Map.of()));
            }
            importer.importSession(new ImportedSession("bench", "user-" + (s % 100), id, "helper", Map.of(),
                    start.plusSeconds(s * 1000L), start.plusSeconds(s * 1000L + eventsPerSession), Map.of(),
                    eventsPerSession), events.iterator(), OnExisting.FAIL);
        }
    }

    @Setup(Level.Invocation)
    public void freshTarget() throws Exception {
        copy = Fixture.open(target, "copy_target", true);
    }

    @TearDown(Level.Invocation)
    public void closeTarget() {
        copy.close();
    }

    @TearDown(Level.Trial)
    public void closeSource() {
        source.close();
    }

    @Benchmark
    public Summary copy() {
        return StoreCopy.copy(source.service, copy.service, ExportFilter.all(), OnExisting.FAIL);
    }
}
