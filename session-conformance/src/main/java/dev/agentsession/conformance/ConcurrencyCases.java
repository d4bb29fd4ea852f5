package dev.agentsession.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.AddEventOptions;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Concurrency: appends and creates from many threads lose and duplicate nothing.
 */
abstract class ConcurrencyCases extends ConformanceCases {

    ConcurrencyCases(SessionServiceConformance kit) {
        super(kit);
    }

    @Test
    @DisplayName("8 threads appending 100 events each to one session give sequences exactly 1..800")
    void concurrentAppendsToOneSession() throws Exception {
        Session session = newSession();
        Set<String> contents = ConcurrentHashMap.newKeySet();

        List<List<Long>> acknowledged = runConcurrently(8, () -> {
            List<Long> mine = new ArrayList<>();
            String writer = Thread.currentThread().getName();
            for (int i = 0; i < 100; i++) {
                String content = writer + " #" + i;
                contents.add(content);
                mine.add(session.addEvent(AddEventOptions.of("user", content)).sequence());
            }
            return mine;
        });

        List<Event> events = session.events(EventsOptions.all());
        assertThat(sequences(events)).isEqualTo(range(1, 800));
        assertThat(events).extracting(Event::content).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(contents);
        assertThat(acknowledged.stream().flatMap(List::stream)).doesNotHaveDuplicates().hasSize(800);
        assertThat(acknowledged).allSatisfy(mine -> assertThat(mine).isSorted());
    }

    @Test
    @DisplayName("16 threads appending 50 events each to one session give sequences exactly 1..800")
    void sixteenThreadsOnOneSession() throws Exception {
        Session session = newSession();
        List<List<Long>> acknowledged = runConcurrently(16, () -> {
            List<Long> mine = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                mine.add(session.addEvent(AddEventOptions.of("user", Thread.currentThread().getName() + " " + i))
                        .sequence());
            }
            return mine;
        });
        assertThat(sequences(session.events(EventsOptions.all()))).isEqualTo(range(1, 800));
        assertThat(acknowledged.stream().flatMap(List::stream)).doesNotHaveDuplicates().hasSize(800);
    }

    @Test
    @DisplayName("concurrent creates and appends on many sessions lose and duplicate nothing")
    void concurrentCreatesAndAppends() throws Exception {
        List<Map<String, Integer>> perThread = runConcurrently(6, () -> {
            Map<String, Integer> written = new HashMap<>();
            for (int s = 0; s < 8; s++) {
                Session session = newSession();
                int count = 1 + (s * 3) % 7;
                append(session, count);
                written.put(session.id(), count);
            }
            return written;
        });

        Map<String, Integer> expected = new HashMap<>();
        perThread.forEach(expected::putAll);
        List<Session> listed = service.list(ListRequest.all(APP, USER));
        assertThat(expected).hasSize(48);
        assertThat(listed).extracting(Session::id).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Session session : listed) {
            int count = expected.get(session.id());
            assertThat(sequences(session.events(EventsOptions.all()))).isEqualTo(range(1, count));
        }
    }

    @Test
    @DisplayName("readers during appends always see a gap-free prefix of the history")
    void readersSeeGapFreePrefixes() throws Exception {
        Session session = newSession();
        CountDownLatch done = new CountDownLatch(1);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> writes = writer.submit(() -> {
                try {
                    append(session, 300);
                } finally {
                    done.countDown();
                }
            });
            int reads = 0;
            while (done.getCount() > 0 || reads == 0) {
                List<Event> seen = session.events(EventsOptions.all());
                assertThat(sequences(seen)).isEqualTo(range(1, seen.size()));
                List<Event> recent = session.events(EventsOptions.last(5));
                if (!recent.isEmpty()) {
                    long first = recent.get(0).sequence();
                    assertThat(sequences(recent)).isEqualTo(range(first, first + recent.size() - 1));
                }
                reads++;
            }
            writes.get(5, TimeUnit.MINUTES);
        } finally {
            writer.shutdownNow();
        }
        assertThat(session.events(EventsOptions.all())).hasSize(300);
    }
}
