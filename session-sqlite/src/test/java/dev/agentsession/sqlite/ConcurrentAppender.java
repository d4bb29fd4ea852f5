package dev.agentsession.sqlite;

import dev.agentsession.AddEventOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A child process of the many-writers test: several threads append to sessions that other
 * processes append to as well. Exits non-zero if any append fails.
 *
 * <p>Arguments: database path, process name, threads, appends per thread, session ids…
 */
public final class ConcurrentAppender {

    private ConcurrentAppender() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[1];
        int threads = Integer.parseInt(args[2]);
        int perThread = Integer.parseInt(args[3]);
        try (SqliteSessionService store = SqliteSessionService.open(Path.of(args[0]))) {
            List<Session> sessions = new ArrayList<>();
            for (int i = 4; i < args.length; i++) {
                sessions.add(store.get(new GetRequest("many", "user", args[i])).orElseThrow());
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        Session session = sessions.get((thread + i) % sessions.size());
                        session.addEvent(AddEventOptions.of(name, name + "/" + thread + "/" + i));
                    }
                    return null;
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
            pool.shutdown();
        }
        System.out.println("done");
    }
}
