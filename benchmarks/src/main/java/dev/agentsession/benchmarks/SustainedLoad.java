package dev.agentsession.benchmarks;

import dev.agentsession.CreateRequest;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import dev.agentsession.postgres.PostgresSessionService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A sustained load on PostgreSQL, for a server with default settings (autovacuum on): a million
 * appends, one thread, spread over the sessions of one user, in windows; after each window it
 * measures the append rate of the window, the latency of listing the user's 50 newest sessions,
 * and what the window left in the {@code sessions} table (dead row versions, HOT updates, size,
 * autovacuum runs). Writes {@code results/sustained-postgres.md}.
 *
 * <p>Arguments: the server's JDBC URL; optionally the number of appends (1,000,000) and of
 * sessions (100). Run by {@code sustained-postgres.sh}, which starts a server of its own.
 */
public final class SustainedLoad {

    private static final int WINDOWS = 20;
    private static final int LIST_SAMPLES = 500;

    private record Window(long appended, double appendsPerSecond, double listP50, double listP99, long liveRows,
                          long deadRows, long updates, long hotUpdates, long tableBytes, long indexBytes,
                          long autovacuums) {
    }

    private SustainedLoad() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        long appends = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        int sessionCount = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        List<Window> windows = new ArrayList<>();
        try (SessionService store = PostgresSessionService.builder().url(url).build()) {
            List<Session> sessions = new ArrayList<>();
            for (int i = 0; i < sessionCount; i++) {
                sessions.add(store.create(CreateRequest.of("bench", "user", "agent")));
            }
            long perWindow = appends / WINDOWS;
            long appended = 0;
            for (int w = 0; w < WINDOWS; w++) {
                long start = System.nanoTime();
                for (long i = 0; i < perWindow; i++) {
                    sessions.get((int) (appended % sessionCount)).addEvent(Fixture.event());
                    appended++;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double[] list = new double[LIST_SAMPLES];
                for (int i = 0; i < LIST_SAMPLES; i++) {
                    long t = System.nanoTime();
                    store.list(new ListRequest("bench", "user", 50));
                    list[i] = (System.nanoTime() - t) / 1e3;
                }
                Arrays.sort(list);
                windows.add(measure(url, appended, perWindow / seconds, list[LIST_SAMPLES / 2],
                        list[LIST_SAMPLES * 99 / 100]));
                System.out.println(windows.get(windows.size() - 1));
            }
        }
        Path out = Path.of("results", "sustained-postgres.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, markdown(url, windows));
        System.out.println(Files.readString(out));
    }

    private static Window measure(String url, long appended, double rate, double listP50, double listP99)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT n_live_tup, n_dead_tup, n_tup_upd, n_tup_hot_upd,"
                     + " pg_relation_size(relid), pg_indexes_size(relid), autovacuum_count"
                     + " FROM pg_stat_user_tables WHERE relname = 'sessions' AND schemaname = current_schema()")) {
            row.next();
            return new Window(appended, rate, listP50, listP99, row.getLong(1), row.getLong(2), row.getLong(3),
                    row.getLong(4), row.getLong(5), row.getLong(6), row.getLong(7));
        }
    }

    private static String markdown(String url, List<Window> windows) throws SQLException {
        StringBuilder md = new StringBuilder("# Sustained load on PostgreSQL with default autovacuum\n\n");
        md.append("Run on ").append(LocalDate.now()).append(" against ").append(settings(url)).append(". One thread")
                .append(" appends the benchmark event (built per call) to the sessions of one user in turn; after each")
                .append(" window, ").append(LIST_SAMPLES).append(" lists of the user's 50 newest sessions are timed and")
                .append(" `pg_stat_user_tables` is read for the `sessions` table (statistics lag a little).\n\n");
        md.append("| appends | append/s (window) | list p50 µs | list p99 µs | live rows | dead rows | updates |"
                + " HOT updates | table KiB | indexes KiB | autovacuums |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Window w : windows) {
            md.append(String.format(Locale.ROOT, "| %,d | %,.0f | %.0f | %.0f | %,d | %,d | %,d | %,d | %,d | %,d | %d |%n",
                    w.appended(), w.appendsPerSecond(), w.listP50(), w.listP99(), w.liveRows(), w.deadRows(),
                    w.updates(), w.hotUpdates(), w.tableBytes() / 1024, w.indexBytes() / 1024, w.autovacuums()));
        }
        Window first = windows.get(0);
        Window last = windows.get(windows.size() - 1);
        md.append(String.format(Locale.ROOT, "%nLast window against the first: append rate %.2f×, list p50 %.2f×,"
                + " list p99 %.2f×.%n", last.appendsPerSecond() / first.appendsPerSecond(),
                last.listP50() / first.listP50(), last.listP99() / first.listP99()));
        return md.toString();
    }

    private static String settings(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT version(), current_setting('autovacuum'),"
                     + " current_setting('autovacuum_vacuum_scale_factor'), current_setting('shared_buffers')")) {
            row.next();
            String version = row.getString(1);
            return version.substring(0, version.indexOf(' ', 12)) + " (autovacuum " + row.getString(2)
                    + ", autovacuum_vacuum_scale_factor " + row.getString(3) + ", shared_buffers " + row.getString(4)
                    + ")";
        }
    }
}
