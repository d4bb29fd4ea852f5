package dev.agentsession.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentsession.Action;
import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.DeleteRequest;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionConflictException;
import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The snippets of the README, the getting-started page and the state page, as written there (each
 * a tagged region that {@code DocumentationSnippetsTest} compares with the page), with their
 * outcome checked.
 */
@DisplayName("the README's and the guide's examples")
class ReadmeExampleTest {

    @Test
    @DisplayName("the README example runs as the README says")
    void readmeExample() {
        // tag::readme-example[]
        try (SessionService store = SessionServices.open("memory:")) {
            Session session = store.create(CreateRequest.builder("support-bot", "alice", "helper")
                    .metadata(Map.of("topic", "refund")).build());

            session.addEvent(AddEventOptions.of("user", "Where is my parcel?"));
            session.addEvent(AddEventOptions.builder("helper")
                    .content("It left the depot this morning.")
                    .reasoning("Looked the order up before answering.")
                    .action(Action.of("track_parcel", Map.of("order", "A-17"), Map.of("status", "in transit")))
                    .build());

            List<Event> recent = session.events(EventsOptions.last(20));       // oldest first
            List<Session> mine = store.list(ListRequest.all("support-bot", "alice"));  // newest first
            assertThat(recent).extracting(Event::author).containsExactly("user", "helper"); // not on the page
            assertThat(recent.get(1).actions().get(0).output()).isEqualTo(Map.of("status", "in transit")); // not on the page
            assertThat(mine).extracting(Session::id).containsExactly(session.id()); // not on the page
            store.delete(new DeleteRequest("support-bot", "alice", session.id()));     // events go too
            assertThat(store.get(new GetRequest("support-bot", "alice", session.id()))).isEmpty(); // not on the page
        }
        // end::readme-example[]
    }

    @Test
    @DisplayName("a program that keeps its place by sequence reads only the turns it has not seen")
    void readingWhatCameSince() {
        // tag::reading-since[]
        try (SessionService store = SessionServices.open("memory:")) {
            Session session = store.create(CreateRequest.of("support-bot", "alice", "helper"));
            long seen = session.addEvent(AddEventOptions.of("user", "Hello")).sequence();

            session.addEvent(AddEventOptions.of("helper", "Hi, how can I help?"));
            List<Event> unseen = session.events(EventsOptions.after(seen));
            assertThat(unseen).extracting(Event::content).containsExactly("Hi, how can I help?"); // not on the page
            try (Stream<Event> all = session.streamEvents(0)) {
                long turns = all.count();
                assertThat(turns).isEqualTo(2); // not on the page
            }
        }
        // end::reading-since[]
    }

    @Test
    @DisplayName("the state page's turn: read, decide, append with the delta, once and only on the state it read")
    void statePageTurn() {
        try (SessionService store = SessionServices.open("memory:")) {
            String sessionId = store.create(CreateRequest.of("travel-bot", "alice", "travel-bot")).id();
            int turnNumber = 1;
            // tag::state-turn[]
            Session session = store.get(new GetRequest("travel-bot", "alice", sessionId)).orElseThrow();
            long visits = ((Number) session.state().getOrDefault("user:visits", 0L)).longValue();   // read
            String reply = visits == 0 ? "Welcome!" : "Welcome back!";                             // decide
            session.addEvent(AddEventOptions.builder("travel-bot").content(reply)                   // append the turn
                    .stateDelta(Map.of("user:visits", visits + 1, "last_reply", reply, "temp:draft", "..."))
                    .expectedLastSequence(session.lastSequence())   // only if nobody appended since the read
                    .eventId("turn-" + turnNumber)                  // a retry after a lost reply stores nothing twice
                    .build());
            // end::state-turn[]

            Session read = store.get(new GetRequest("travel-bot", "alice", sessionId)).orElseThrow();
            assertThat(read.state()).isEqualTo(Map.of("user:visits", 1L, "last_reply", "Welcome!"));
            assertThat(read.lastSequence()).isEqualTo(1);
            // the same turn again, from the state it read: a conflict, nothing written
            assertThatThrownBy(() -> session.addEvent(AddEventOptions
                            .builder("travel-bot").content("Welcome!").expectedLastSequence(0).build()))
                    .isInstanceOf(SessionConflictException.class);
            assertThat(store.userState("travel-bot", "alice")).isEqualTo(Map.of("visits", 1L));
        }
    }
}
