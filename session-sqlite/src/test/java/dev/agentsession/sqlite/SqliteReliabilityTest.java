package dev.agentsession.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.CreateRequest;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.Session;
import dev.agentsession.conformance.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("SQLite reliability: crashes and many writers")
class SqliteReliabilityTest {

    /**
     * Kills per synchronous level: 20, or the system property {@code agentsession.crashKills} (a
     * second CI run on another JDK uses fewer, to stay within its time).
     */
    private static final int KILLS = Integer.getInteger("agentsession.crashKills", 20);

    @TempDir
    Path temp;

    private static Process java(Class<?> main, String... args) throws Exception {
        return ChildJvm.start(main, args);
    }

    private static String integrity(Path file) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().collect(Collectors.toList());
    }

    @ParameterizedTest(name = "synchronous {0}")
    @EnumSource(Synchronous.class)
    @DisplayName("a writer killed with SIGKILL again and again (20 times by default) loses no acknowledged event and leaves a sound file")
    void survivesKills(Synchronous level, TestReporter reporter) throws Exception {
        Path file = temp.resolve("crash-" + level + ".db");
        Random random = new Random(level.ordinal() * 7919L + 17);
        long acknowledged = 0;
        long checkedEvents = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            Process child = java(CrashAppender.class, file.toString(), level.name(), "crash-session");
            AtomicLong lastAck = new AtomicLong(acknowledged);
            CountDownLatch ready = new CountDownLatch(1);
            List<String> other = Collections.synchronizedList(new ArrayList<>());
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        if (line.startsWith("ack ")) {
                            lastAck.set(Long.parseLong(line.substring(4)));
                        } else if (line.equals("ready")) {
                            ready.countDown();
                        } else {
                            other.add(line);
                        }
                    }
                } catch (Exception ignored) {
                    // the stream ends when the child dies
                }
            });
            reader.start();
            assertThat(ready.await(60, TimeUnit.SECONDS)).as("child started: %s", other).isTrue();
            Thread.sleep(50 + random.nextInt(400));
            child.destroyForcibly();  // SIGKILL on Linux: no shutdown hooks, no cleanup
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
            assertThat(other).as("child output besides acks").isEmpty();
            acknowledged = lastAck.get();

            assertThat(integrity(file)).isEqualTo("ok");
            try (SqliteSessionService store = SqliteSessionService.open(file)) {
                Session session = store.get(new GetRequest("crash", "user", "crash-session")).orElseThrow();
                List<Event> events = session.events(EventsOptions.all());
                assertThat(events.size()).as("after kill %d", kill).isGreaterThanOrEqualTo((int) acknowledged);
                assertThat(events).extracting(Event::sequence).isEqualTo(range(1, events.size()));
                for (Event event : events) {
                    assertThat(event.content()).isEqualTo("event " + event.metadata().get("i"));
                }
                checkedEvents += events.size();
                acknowledged = events.size();
            }
        }
        assertThat(acknowledged).isGreaterThan(KILLS);
        String summary = "synchronous " + level + ": " + KILLS + " kills, " + acknowledged
                + " acknowledged events present after the last kill, " + checkedEvents + " event reads checked";
        reporter.publishEntry("crash test", summary);
        System.out.println(summary);
    }

    @Test
    @DisplayName("two processes with 4 threads each, on shared sessions, lose and duplicate nothing")
    void twoProcessesFourThreadsEach() throws Exception {
        Path file = temp.resolve("many.db");
        List<String> ids = List.of("shared-1", "shared-2", "shared-3");
        try (SqliteSessionService store = SqliteSessionService.open(file)) {
            for (String id : ids) {
                store.create(CreateRequest.builder("many", "user", "agent").sessionId(id).build());
            }
        }
        int perThread = 150;
        List<Process> children = new ArrayList<>();
        for (String name : List.of("p1", "p2")) {
            List<String> args = new ArrayList<>(List.of(file.toString(), name, "4", String.valueOf(perThread)));
            args.addAll(ids);
            children.add(java(ConcurrentAppender.class, args.toArray(String[]::new)));
        }
        for (Process child : children) {
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(child.exitValue()).as(output).isZero();
            assertThat(output).as("no SQLITE_BUSY or other failure reached a caller").isEqualTo("done\n");
        }
        try (SqliteSessionService store = SqliteSessionService.open(file)) {
            List<String> contents = new ArrayList<>();
            for (String id : ids) {
                List<Event> events = store.get(new GetRequest("many", "user", id)).orElseThrow()
                        .events(EventsOptions.all());
                assertThat(events).extracting(Event::sequence).isEqualTo(range(1, events.size()));
                events.forEach(e -> contents.add(e.content()));
            }
            assertThat(contents).hasSize(2 * 4 * perThread).doesNotHaveDuplicates();
        }
    }

    @Test
    @DisplayName("the file and its -wal and -shm companions are created owner-only")
    void companionsAreOwnerOnly() throws Exception {
        Path file = temp.resolve("private.db");
        try (SqliteSessionService store = SqliteSessionService.open(file)) {
            store.create(CreateRequest.builder("app", "user", "agent").metadata(Map.of("k", "v")).build());
            for (String name : List.of("private.db", "private.db-wal", "private.db-shm")) {
                Path path = temp.resolve(name);
                assertThat(path).exists();
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).as(name)
                        .isEqualTo("rw-------");
            }
        }
    }
}
