package dev.agentsession.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs every scenario of BENCHMARKS.md on every backend, beside the limit (plain JDBC) and the
 * peer (Spring AI), and writes {@code results/latest.md}: a table per backend with throughput,
 * p50, p99 and each scenario's ratio to the limit and to the peer.
 *
 * <p>Argument {@code short} (the default) takes a few minutes on 2 cores with smaller stores;
 * {@code full} uses the sizes of BENCHMARKS.md and longer measurements and writes
 * {@code results/full.md}; {@code core} runs only the library's own paths (append, recent, list,
 * stream, state) on the three databases, at the short sizes, with SQLite's append under 4 and 8
 * threads too, and writes {@code results/core.md}: the run to compare two versions of the library;
 * {@code chat}
 * runs Spring AI's {@code MessageWindowChatMemory} over this library's repository and over Spring
 * AI's JDBC repository (window 20 and 1,000) on the three databases, with the full run's longer
 * measurements, and writes {@code results/chat-memory.md}. An argument {@code jmh:ARGS} hands {@code ARGS} to JMH as they
 * are, to run one scenario.
 */
public final class BenchmarkReport {

    private record Measured(String benchmark, Map<String, String> params, int threads, Statistics stats) {
        double opsPerSecond() {
            return threads * 1_000_000.0 / stats.getMean();
        }

        String param(String name) {
            return params.get(name);
        }
    }

    private final boolean full;
    private final boolean core;
    private final boolean chat;
    private final List<Measured> results = new ArrayList<>();

    private BenchmarkReport(boolean full, boolean core, boolean chat) {
        this.full = full;
        this.core = core;
        this.chat = chat;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].startsWith("jmh:")) {
            // raw JMH arguments, for one scenario at a time: -Dbench.args="jmh:AppendBenchmark -p backend=POSTGRES"
            org.openjdk.jmh.Main.main(args[0].substring("jmh:".length()).trim().split("\\s+"));
            return;
        }
        String mode = args.length > 0 ? args[0].toLowerCase(Locale.ROOT) : "short";
        BenchmarkReport report = new BenchmarkReport(mode.equals("full"), mode.equals("core"), mode.equals("chat"));
        if (report.core) {
            report.runCore();
        } else if (report.chat) {
            report.run(report.options("SpringAiBenchmark.add", 1));
        } else {
            report.runAll();
        }
        String markdown = report.chat ? report.chatMarkdown() : report.markdown();
        Path out = Path.of("results", report.core ? "core.md" : report.chat ? "chat-memory.md"
                : report.full ? "full.md" : "latest.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, markdown);
        System.out.println(markdown);
        System.out.println("written to " + out.toAbsolutePath());
    }

    /**
     * @return the JMH include for {@code Class.method} (or {@code Class.*}) that matches only that
     *     class: JMH takes an include as a regular expression, and {@code AppendBenchmark.append}
     *     alone would also match {@code JdbcAppendBenchmark.append}
     */
    private static String include(String benchmark) {
        String[] parts = benchmark.split("\\.", 2);
        return "\\." + parts[0] + "\\." + (parts[1].equals("*") ? "\\w+" : parts[1]) + "$";
    }

    /** @param benchmark a benchmark as {@code Class.method}, or {@code Class.*}: see {@link #include} */
    private ChainedOptionsBuilder options(String benchmark, int threads) {
        return new OptionsBuilder()
                .include(include(benchmark))
                .mode(Mode.SampleTime)
                .timeUnit(TimeUnit.MICROSECONDS)
                .forks(1)
                .threads(threads)
                .warmupIterations(full || chat ? 2 : 1)
                .warmupTime(TimeValue.seconds(full || chat ? 2 : 1))
                .measurementIterations(full || chat ? 5 : 2)
                .measurementTime(TimeValue.seconds(full || chat ? 2 : 1))
                .jvmArgs("-Xms512m", "-Xmx1g")
                .shouldFailOnError(true);
    }

    private void run(ChainedOptionsBuilder options) throws Exception {
        Collection<RunResult> runs = new Runner(options.build()).run();
        for (RunResult run : runs) {
            Map<String, String> params = new LinkedHashMap<>();
            for (String key : run.getParams().getParamsKeys()) {
                params.put(key, run.getParams().getParam(key));
            }
            String name = run.getParams().getBenchmark();
            results.add(new Measured(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1), params,
                    run.getParams().getThreads(), run.getPrimaryResult().getStatistics()));
        }
    }

    private void runAll() throws Exception {
        String servers = "SQLITE,POSTGRES,MARIADB";
        String recentSize = full ? "1000000" : "100000";
        String listSize = full ? "100000" : "10000";
        String streamSize = full ? "1000000" : "100000";
        run(options("AppendBenchmark.append", 1).param("sharing", "distinct"));
        run(options("JdbcAppendBenchmark.append", 1));
        run(options("SpringAiBenchmark.add", 1).param("repository", "jdbc"));
        for (int threads : new int[] {4, 8}) {
            run(options("AppendBenchmark.append", threads).param("history", "10").param("build", "per-call")
                    .param("backend", servers.split(",")));
        }
        run(options("JdbcAppendBenchmark.append", 4).param("history", "10"));
        run(options("RecentBenchmark.library", 1).param("storeEvents", recentSize));
        run(options("RecentBenchmark.jdbc", 1).param("storeEvents", recentSize).param("backend", servers.split(",")));
        run(options("ListBenchmark.library", 1).param("storeSessions", listSize));
        run(options("ListBenchmark.jdbc", 1).param("storeSessions", listSize).param("backend", servers.split(",")));
        run(options("StreamBenchmark.stream", 1).param("sessionEvents", streamSize)
                .mode(Mode.SingleShotTime).timeUnit(TimeUnit.MILLISECONDS)
                .warmupIterations(1).measurementIterations(full ? 3 : 2)
                .jvmArgs("-Xms64m", "-Xmx64m"));
        run(options("StateBenchmark.*", 1));
    }

    private void runCore() throws Exception {
        String[] servers = {"SQLITE", "POSTGRES", "MARIADB"};
        run(core(options("AppendBenchmark.append", 1)).param("sharing", "distinct").param("backend", servers));
        run(core(options("JdbcAppendBenchmark.append", 1)).param("backend", servers));
        for (int threads : new int[] {4, 8}) {
            // SQLite's single writer is where threads queue; the servers' pools spread them
            run(core(options("AppendBenchmark.append", threads)).param("sharing", "distinct").param("history", "10")
                    .param("build", "per-call").param("backend", "SQLITE"));
        }
        run(core(options("JdbcAppendBenchmark.append", 4)).param("history", "10").param("backend", "SQLITE"));
        run(core(options("RecentBenchmark.jdbc", 1)).param("storeEvents", "100000").param("backend", servers));
        run(core(options("StateBenchmark.*", 1)).param("backend", servers));
        run(core(options("RecentBenchmark.library", 1)).param("storeEvents", "100000").param("backend", servers));
        run(core(options("ListBenchmark.library", 1)).param("storeSessions", "10000").param("backend", servers));
        run(options("StreamBenchmark.stream", 1).param("sessionEvents", "100000")
                .mode(Mode.SingleShotTime).timeUnit(TimeUnit.MILLISECONDS)
                .warmupIterations(1).measurementIterations(3)
                .jvmArgs("-Xms64m", "-Xmx64m"));
    }

    /** Longer measurements than the short run, so two versions can be told apart. */
    private static ChainedOptionsBuilder core(ChainedOptionsBuilder options) {
        return options.warmupIterations(2).measurementIterations(3).measurementTime(TimeValue.seconds(2));
    }

    // --------------------------------------------------------------------------------- report

    private Measured find(String benchmark, Predicate<Measured> filter) {
        return results.stream().filter(m -> m.benchmark().equals(benchmark) && filter.test(m)).findFirst().orElse(null);
    }

    private static Predicate<Measured> with(String backend, int threads, String... params) {
        return m -> {
            if (!backend.equals(m.param("backend")) || m.threads() != threads) {
                return false;
            }
            for (int i = 0; i < params.length; i += 2) {
                if (!params[i + 1].equals(m.param(params[i]))) {
                    return false;
                }
            }
            return true;
        };
    }

    private static String number(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String ratio(Measured ours, Measured other) {
        return ours == null || other == null ? "" : String.format(Locale.ROOT, "%.2f×", ours.opsPerSecond() / other.opsPerSecond());
    }

    /** A table row: the scenario, its throughput and latencies, then the given ratio cells. */
    private static void row(StringBuilder md, String scenario, Measured m, String... ratios) {
        if (m == null) {
            return;
        }
        Statistics s = m.stats();
        md.append("| ").append(scenario).append(" | ").append(number(m.opsPerSecond())).append(" | ")
                .append(number(s.getPercentile(50))).append(" | ").append(number(s.getPercentile(99))).append(" | ")
                .append(number(s.getMax())).append(" |");
        for (String ratio : ratios) {
            md.append(' ').append(ratio).append(" |");
        }
        md.append('\n');
    }

    private String chatMarkdown() {
        StringBuilder md = new StringBuilder("# Chat memory: Spring AI's MessageWindowChatMemory over two repositories\n\n");
        md.append("Run: `chat` on ").append(LocalDate.now()).append(". ").append(machine()).append("\n\n");
        md.append("Each operation is one `ChatMemory.add` of a ~1 KB user message to a conversation whose window is"
                + " full (`maxMessages` = window), so every add also drops the oldest message. *agent-session* is"
                + " `SessionChatMemoryRepository` (appends the new message, moves the window marker); *Spring AI JDBC*"
                + " is `JdbcChatMemoryRepository` (deletes the conversation and inserts the whole window again)."
                + " Throughput in operations per second; p50 and p99 in microseconds. Each line: 2 warm-up and 5"
                + " measured iterations of 2 s, one JVM.\n\n");
        md.append("| backend | window | agent-session ops/s | p50 | p99 | Spring AI JDBC ops/s | p50 | p99 | ratio |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (String backend : List.of("SQLITE", "POSTGRES", "MARIADB")) {
            for (String window : List.of("20", "1000")) {
                Measured ours = find("SpringAiBenchmark.add", with(backend, 1, "window", window, "repository",
                        "agent-session"));
                Measured peer = find("SpringAiBenchmark.add", with(backend, 1, "window", window, "repository", "jdbc"));
                if (ours == null || peer == null) {
                    continue;
                }
                md.append("| ").append(backend.charAt(0)).append(backend.substring(1).toLowerCase(Locale.ROOT))
                        .append(" | ").append(window)
                        .append(" | ").append(number(ours.opsPerSecond()))
                        .append(" | ").append(number(ours.stats().getPercentile(50)))
                        .append(" | ").append(number(ours.stats().getPercentile(99)))
                        .append(" | ").append(number(peer.opsPerSecond()))
                        .append(" | ").append(number(peer.stats().getPercentile(50)))
                        .append(" | ").append(number(peer.stats().getPercentile(99)))
                        .append(" | **").append(ratio(ours, peer)).append("** |\n");
            }
        }
        return md.toString();
    }

    private String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        md.append("Run: `").append(full ? "full" : core ? "core" : "short").append("` on ").append(LocalDate.now())
                .append(". ")
                .append(machine()).append("\n\n");
        md.append("Throughput is operations per second over all threads; p50, p99 and max are the latency of one"
                + " operation in microseconds (JMH sample mode). *vs limit* is the throughput divided by plain JDBC"
                + " doing the minimum on the same database; *vs peer* divides by Spring AI's JdbcChatMemoryRepository"
                + " under MessageWindowChatMemory (window 20, and 1,000 messages of history).\n\n");
        md.append(sizes()).append(" Stores on the servers are analyzed after they are loaded (the local PostgreSQL"
                + " runs without autovacuum). The memory backend keeps every event in its heap, so its appends go to a"
                + " new session every ").append(String.format(Locale.ROOT, "%,d", AppendTarget.MEMORY_EVENTS))
                .append(" appends.\n\n");
        StringBuilder headline = new StringBuilder("| backend | append vs limit | append vs peer (20) | append vs peer"
                + " (1,000) | 10,000 vs 10 events | 4 threads vs 1 | recent vs limit | recent p99 µs | list p99 µs |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        for (String backend : List.of("SQLITE", "POSTGRES", "MARIADB", "MEMORY")) {
            Measured append10 = find("AppendBenchmark.append", with(backend, 1, "history", "10", "build", "per-call"));
            Measured append10k = find("AppendBenchmark.append", with(backend, 1, "history", "10000", "build",
                    "per-call"));
            Measured prebuilt10 = find("AppendBenchmark.append", with(backend, 1, "history", "10", "build", "prebuilt"));
            Measured prebuilt10k = find("AppendBenchmark.append", with(backend, 1, "history", "10000", "build",
                    "prebuilt"));
            Measured limit10 = find("JdbcAppendBenchmark.append", with(backend, 1, "history", "10"));
            Measured limit10k = find("JdbcAppendBenchmark.append", with(backend, 1, "history", "10000"));
            Measured peer20 = find("SpringAiBenchmark.add", with(backend, 1, "window", "20", "repository", "jdbc"));
            Measured peer1000 = find("SpringAiBenchmark.add", with(backend, 1, "window", "1000", "repository", "jdbc"));
            Measured recent = find("RecentBenchmark.library", with(backend, 1));
            Measured recentLimit = find("RecentBenchmark.jdbc", with(backend, 1));
            Measured list = find("ListBenchmark.library", with(backend, 1));
            Measured listLimit = find("ListBenchmark.jdbc", with(backend, 1));
            Measured four = find("AppendBenchmark.append", with(backend, 4, "sharing", "distinct", "build", "per-call"));

            md.append("## ").append(backend.charAt(0)).append(backend.substring(1).toLowerCase(Locale.ROOT))
                    .append("\n\n| scenario | ops/s | p50 µs | p99 µs | max µs | vs limit | vs peer |\n")
                    .append("|---|---|---|---|---|---|---|\n");
            row(md, "append, session of 10 events", append10, ratio(append10, limit10),
                    peer20 == null ? "" : ratio(append10, peer20) + " (window 20)");
            row(md, "append, session of 10,000 events", append10k, ratio(append10k, limit10k),
                    peer1000 == null ? "" : ratio(append10k, peer1000) + " (1,000 messages)");
            row(md, "append of a prebuilt event, session of 10 events", prebuilt10, ratio(prebuilt10, limit10), "");
            row(md, "append of a prebuilt event, session of 10,000 events", prebuilt10k, ratio(prebuilt10k, limit10k),
                    "");
            row(md, "limit: plain JDBC append, 10 events", limit10, "", "");
            row(md, "limit: plain JDBC append, 10,000 events", limit10k, "", "");
            row(md, "peer: Spring AI add, window 20", peer20, "", "");
            row(md, "peer: Spring AI add, 1,000 messages", peer1000, "", "");
            for (int threads : new int[] {4, 8}) {
                for (String sharing : List.of("distinct", "shared")) {
                    Measured m = find("AppendBenchmark.append", with(backend, threads, "sharing", sharing, "build",
                            "per-call"));
                    Measured limit = find("JdbcAppendBenchmark.append", with(backend, threads, "history", "10"));
                    row(md, "append, " + threads + " threads, " + sharing + " sessions", m,
                            sharing.equals("distinct") ? ratio(m, limit) : "", "");
                }
            }
            row(md, "limit: plain JDBC append, 4 threads", find("JdbcAppendBenchmark.append", with(backend, 4)), "", "");
            row(md, "recent: last 20 events", recent, ratio(recent, recentLimit), "");
            row(md, "limit: plain SELECT of the last 20", recentLimit, "", "");
            row(md, "list: 50 newest sessions of a user", list, ratio(list, listLimit), "");
            row(md, "limit: plain SELECT of 50 sessions", listLimit, "", "");
            Measured stream = find("StreamBenchmark.stream", with(backend, 1));
            if (stream != null) {
                double millis = stream.stats().getMean();
                md.append("| stream: every event of a ").append(stream.param("sessionEvents"))
                        .append("-event session, heap 64 MiB | ")
                        .append(number(Integer.parseInt(stream.param("sessionEvents")) * 1000.0 / millis))
                        .append(" events/s | ").append(number(millis)).append(" ms per read | | | | |\n");
            }
            stateRows(md, backend);
            md.append('\n');
            headline.append("| ").append(backend.toLowerCase(Locale.ROOT)).append(" | ").append(ratio(append10, limit10))
                    .append(" | ").append(ratio(append10, peer20)).append(" | ").append(ratio(append10k, peer1000))
                    .append(" | ").append(ratio(append10k, append10)).append(" | ").append(ratio(four, append10))
                    .append(" | ").append(ratio(recent, recentLimit)).append(" | ")
                    .append(recent == null ? "" : number(recent.stats().getPercentile(99))).append(" | ")
                    .append(list == null ? "" : number(list.stats().getPercentile(99))).append(" |\n");
        }
        return md.insert(md.indexOf("## "), "## Headline\n\n" + headline + "\n").toString();
    }

    /** The cost of state: each call beside the same call without state, as a ratio of their latencies. */
    private void stateRows(StringBuilder md, String backend) {
        Measured plain = find("StateBenchmark.appendPlain", with(backend, 1));
        Measured bare = find("StateBenchmark.getWithoutState", with(backend, 1));
        if (plain == null && bare == null) {
            return;
        }
        md.append("\n| cost of state | ops/s | p50 µs | p99 µs | max µs | time vs without state |\n")
                .append("|---|---|---|---|---|---|\n");
        stateRow(md, "plain append", plain, null);
        stateRow(md, "append with a delta to the session, user and app tiers",
                find("StateBenchmark.appendWithDelta", with(backend, 1)), plain);
        stateRow(md, "append naming the expected last sequence",
                find("StateBenchmark.appendExpectingSequence", with(backend, 1)), plain);
        stateRow(md, "get of a session without state", bare, null);
        stateRow(md, "get of a session with 20 keys in three tiers", find("StateBenchmark.getWithState",
                with(backend, 1)), bare);
    }

    private static void stateRow(StringBuilder md, String scenario, Measured m, Measured without) {
        row(md, scenario, m, without == null || m == null ? ""
                : String.format(Locale.ROOT, "%.2f×", without.opsPerSecond() / m.opsPerSecond()));
    }

    private String sizes() {
        return full
                ? "Sizes: recent reads a 10,000-event session in a store of 1,000,000 events; list finds 1,000 sessions"
                        + " of a user among 100,000; stream reads a 1,000,000-event session."
                : "Sizes (" + (core ? "core" : "short") + " run): recent reads a 10,000-event session in a store of"
                        + " 100,000 events; list finds"
                        + " 1,000 sessions of a user among 10,000; stream reads a 100,000-event session. `full` uses"
                        + " the sizes of BENCHMARKS.md.";
    }

    private static String machine() {
        StringBuilder text = new StringBuilder();
        text.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores");
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    text.append(" (").append(line.substring(line.indexOf(':') + 1).trim()).append(")");
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    text.append(", ").append(kb / 1024 / 1024).append(" GiB memory");
                    break;
                }
            }
        } catch (IOException e) {
            text.append(" (no /proc)");
        }
        text.append(", Java ").append(System.getProperty("java.version")).append(", ")
                .append(version(Fixture.POSTGRES_SERVER, "SELECT version()")).append(", ")
                .append(version(Fixture.MARIADB_SERVER, "SELECT concat('MariaDB/MySQL ', version())"))
                .append(", SQLite ").append(version("jdbc:sqlite::memory:", "SELECT sqlite_version()")).append('.');
        return text.toString();
    }

    private static String version(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            String v = rows.getString(1);
            return v.length() > 40 ? v.substring(0, v.indexOf(' ', 15)) : v;
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
