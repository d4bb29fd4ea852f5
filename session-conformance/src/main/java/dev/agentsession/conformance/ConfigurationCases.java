package dev.agentsession.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Configuration: opening by URL, and (with MULTI_PROCESS) several processes on one store.
 */
abstract class ConfigurationCases extends ConformanceCases {

    ConfigurationCases(SessionServiceConformance kit) {
        super(kit);
    }

    @Test
    @DisplayName("(url) SessionServices.open(url) returns a working service of this backend")
    void opensByUrl() {
        requireCapability(Capability.URL);
        try (SessionService opened = SessionServices.open(url())) {
            Session session = opened.create(CreateRequest.of(APP, USER, AGENT));
            Event event = session.addEvent(AddEventOptions.of("user", "via url"));
            assertThat(opened.get(new GetRequest(APP, USER, session.id())).orElseThrow()
                    .events(EventsOptions.all())).containsExactly(event);
            assertThat(opened.getClass()).isEqualTo(service.getClass());
        }
    }

    @Test
    @DisplayName("an unknown URL scheme fails with a message naming the modules to add")
    void unknownScheme() {
        assertThatThrownBy(() -> SessionServices.open("redis://localhost:6379"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redis://localhost:6379")
                .hasMessageContaining("session-sqlite")
                .hasMessageContaining("session-postgres")
                .hasMessageContaining("session-mysql")
                .hasMessageContaining("session-memory");
    }

    @Test
    @DisplayName("(multiProcess) two other processes appending to one session lose nothing")
    void twoProcessesShareTheStore() throws Exception {
        requireCapability(Capability.MULTI_PROCESS);
        Session session = newSession(APP, USER, "shared-by-processes");
        int perWriter = 150;

        List<Process> children = new ArrayList<>();
        for (String writer : List.of("proc-a", "proc-b")) {
            children.add(ChildJvm.start(ChildAppender.class, url(), APP, USER, session.id(), writer,
                    String.valueOf(perWriter)));
        }
        append(session, perWriter);
        List<Long> acknowledged = new ArrayList<>();
        for (Process child : children) {
            List<String> output;
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                output = reader.lines().collect(Collectors.toList());
            }
            assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(child.exitValue()).as("child output: %s", output).isZero();
            output.stream().filter(l -> l.startsWith("ack ")).map(l -> Long.parseLong(l.substring(4)))
                    .forEach(acknowledged::add);
        }

        List<Event> events = session.events(EventsOptions.all());
        assertThat(sequences(events)).isEqualTo(range(1, 3L * perWriter));
        assertThat(acknowledged).hasSize(2 * perWriter).doesNotHaveDuplicates();
        assertThat(events.stream().map(Event::author).collect(Collectors.groupingBy(a -> a, Collectors.counting())))
                .isEqualTo(Map.of("user", (long) perWriter, "proc-a", (long) perWriter, "proc-b", (long) perWriter));
        assertThat(IntStream.range(0, perWriter).mapToObj(i -> "proc-a-" + i))
                .isSubsetOf(events.stream().map(Event::content).collect(Collectors.toSet()));
    }
}
