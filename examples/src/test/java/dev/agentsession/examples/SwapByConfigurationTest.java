package dev.agentsession.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.Action;
import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.DeleteRequest;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import dev.agentsession.conformance.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One scripted conversation through {@link SessionServices#open(String)} on every backend: what a
 * program can observe must be the same whichever store the URL picks.
 */
@DisplayName("swapping the store by configuration")
class SwapByConfigurationTest {

    private static final String APP = "swap-test";

    @Test
    @DisplayName("the same conversation gives the same observations on memory, SQLite, PostgreSQL and MariaDB")
    void sameObservationsEverywhere(@TempDir Path temp) throws Exception {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("memory", "memory:");
        urls.put("sqlite", "sqlite:" + temp.resolve("swap.db"));
        urls.put("postgres", TestDatabase.POSTGRES.namedStoreUrl("agentsession_swap"));
        urls.put("mariadb", TestDatabase.MYSQL.namedStoreUrl("agentsession_swap"));

        TimeZone original = TimeZone.getDefault();
        Map<String, List<String>> observed = new LinkedHashMap<>();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Shanghai"));
            for (Map.Entry<String, String> backend : urls.entrySet()) {
                try (SessionService store = SessionServices.open(backend.getValue())) {
                    observed.put(backend.getKey(), converse(store));
                }
            }
        } finally {
            TimeZone.setDefault(original);
        }

        List<String> reference = observed.get("memory");
        assertThat(reference).hasSize(18);
        for (Map.Entry<String, List<String>> backend : observed.entrySet()) {
            assertThat(backend.getValue()).as(backend.getKey()).isEqualTo(reference);
        }
    }

    /** Runs the script and records what a program sees, without ids and clock readings. */
    private static List<String> converse(SessionService store) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Session trip = store.create(CreateRequest.builder(APP, "ana", "planner").sessionId("trip")
                .metadata(Map.of("title", "Kyoto 🍵", "budget", 1500, "ratio", 0.75, "tags", List.of("jp", "京都")))
                .build());
        Session other = store.create(CreateRequest.builder(APP, "ben", "planner").sessionId("trip").build());
        String huge = "長い話 🎌 ".repeat(8 * 1024 * 1024 / 15);
        trip.addEvent(AddEventOptions.of("user", "Plan two days in Kyoto 🙏"));
        trip.addEvent(AddEventOptions.builder("planner").content("Day 1: Fushimi Inari ⛩")
                .reasoning("Start early to avoid crowds.")
                .action(Action.of("search", Map.of("q", "Fushimi Inari hours", "limit", 3),
                        List.of(Map.of("open", "24h", "rating", 4.8))))
                .longRunningToolIds(List.of("call-2", "call-1"))
                .metadata(Map.of("tokens", 321L, "model", "m")).build());
        trip.addEvent(AddEventOptions.builder("user").content(huge).build());
        other.addEvent(AddEventOptions.of("user", "ben's own turn"));

        Session read = store.get(new GetRequest(APP, "ana", "trip")).orElseThrow();
        seen.add("metadata " + canonical(read.metadata()));
        seen.add("created in UTC micros " + (read.createdAt().getNano() % 1000 == 0) + " after start "
                + !read.createdAt().isBefore(start));
        for (Event event : read.events(EventsOptions.all())) {
            seen.add(describe(event));
        }
        for (Event event : read.events(EventsOptions.last(2))) {
            seen.add("last2 " + event.sequence());
        }
        for (Event event : read.events(new EventsOptions(1, 1))) {
            seen.add("after1-last1 " + event.sequence());
        }
        seen.add("stream " + read.streamEvents(0).map(Event::sequence).toList());
        seen.add("ana lists " + store.list(ListRequest.all(APP, "ana")).stream().map(Session::id).toList());
        seen.add("ben lists " + store.list(ListRequest.all(APP, "ben")).stream().map(Session::id).toList());
        seen.add("ben's trip events " + other.events(EventsOptions.all()).stream().map(Event::content).toList());
        seen.add("cross-user get " + store.get(new GetRequest(APP, "carl", "trip")).isPresent());
        seen.add("cross-user delete " + store.delete(new DeleteRequest(APP, "carl", "trip")));
        seen.add("delete " + store.delete(new DeleteRequest(APP, "ana", "trip")));
        seen.add("after delete " + trip.events(EventsOptions.all()).size());
        try {
            trip.addEvent(AddEventOptions.of("user", "anyone?"));
            seen.add("append after delete accepted");
        } catch (dev.agentsession.SessionNotFoundException e) {
            seen.add("append after delete: " + e.getMessage());
        }
        seen.add("cleanup " + store.deleteSessionsUpdatedBefore(Instant.now().plusSeconds(1), APP, null));
        return seen;
    }

    private static String describe(Event event) {
        String content = event.content();
        if (content != null && content.length() > 1000) {
            content = content.length() + " chars, " + content.getBytes(StandardCharsets.UTF_8).length + " bytes, hash "
                    + content.hashCode();
        }
        List<Object> actions = new ArrayList<>();
        for (Action action : event.actions()) {
            actions.add(List.of(action.toolName(), canonical(action.input()), canonical(action.output())));
        }
        return "#" + event.sequence() + " " + event.author() + ": " + content + " | " + event.reasoning() + " | "
                + actions + " | " + event.longRunningToolIds() + " | " + canonical(event.metadata());
    }

    /** The value with every map's keys sorted: key order is not part of the contract. */
    private static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            java.util.TreeMap<String, Object> sorted = new java.util.TreeMap<>();
            map.forEach((k, v) -> sorted.put((String) k, canonical(v)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SwapByConfigurationTest::canonical).toList();
        }
        return value;
    }
}
