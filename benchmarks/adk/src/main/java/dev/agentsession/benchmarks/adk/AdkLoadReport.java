package dev.agentsession.benchmarks.adk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs {@link AdkGetSessionBenchmark} and writes {@code ../results/adk-get-session.md}: p50, p99
 * and mean of each backend and session length. Argument {@code report} (the default) or
 * {@code jmh:ARGS} to hand ARGS to JMH as they are.
 */
public final class AdkLoadReport {

    private AdkLoadReport() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        if (args.length > 0 && args[0].startsWith("jmh:")) {
            org.openjdk.jmh.Main.main(args[0].substring("jmh:".length()).trim().split("\\s+"));
            return;
        }
        Options options = new OptionsBuilder().include(AdkGetSessionBenchmark.class.getSimpleName())
                .forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(2))
                .measurementIterations(5).measurementTime(TimeValue.seconds(3))
                .jvmArgs("-Xms1g", "-Xmx1g").build();
        Collection<RunResult> results = new Runner(options).run();
        List<String> lines = new ArrayList<>(List.of(
                "# ADK getSession: whole sessions read through the ADK service",
                "",
                "Run " + LocalDate.now() + " by `mvn -B -q -pl benchmarks/adk -am -DskipTests package exec:exec`"
                        + " on this machine (2 cores; PostgreSQL 15 and MariaDB 10.11 local, SQLite on local disk),"
                        + " JMH sample time, 1 fork, 3×2 s warm-up, 5×3 s measured, -Xmx1g. A session is written through"
                        + " `AdkSessionService.appendEvent` in turns of four events (question, function call, function"
                        + " response with a state delta, ~300-character answer). `fullLoad` is ADK's `getSession`,"
                        + " which reads all of it and turns each event back into an ADK `Event`; `storeRead` reads the same"
                        + " events through the store's own API (`events(all())`), so the difference is what the adapter adds.",
                "",
                "| backend | events | read | p50 ms | p99 ms | mean ms | samples |",
                "|---|---:|---|---:|---:|---:|---:|"));
        for (RunResult result : results) {
            Statistics stats = result.getPrimaryResult().getStatistics();
            String read = result.getParams().getBenchmark().substring(result.getParams().getBenchmark().lastIndexOf('.') + 1);
            lines.add(String.format("| %s | %s | %s | %.1f | %.1f | %.1f | %d |",
                    result.getParams().getParam("backend"), result.getParams().getParam("events"), read,
                    stats.getPercentile(50) / 1000, stats.getPercentile(99) / 1000, stats.getMean() / 1000, stats.getN()));
        }
        Path out = Path.of("..", "results", "adk-get-session.md");
        Files.write(out, lines);
        System.out.println(String.join("\n", lines));
    }
}
