package dev.agentsession.memory;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The README's example, as written there, with its outcome checked. */
@DisplayName("the README example")
class ReadmeExampleTest {

    @Test
    @DisplayName("runs as the README says")
    void readmeExample() {
        try (SessionService store = SessionServices.open("memory:")) {
            Session session = store.create(CreateRequest.builder("support-bot", "alice", "helper")
                    .metadata(Map.of("topic", "refund")).build());

            session.addEvent(AddEventOptions.of("user", "Where is my parcel?"));
            session.addEvent(AddEventOptions.builder("helper")
                    .content("It left the depot this morning.")
                    .reasoning("Looked the order up before answering.")
                    .action(Action.of("track_parcel", Map.of("order", "A-17"), Map.of("status", "in transit")))
                    .build());

            List<Event> recent = session.events(EventsOptions.last(20));
            List<Session> mine = store.list(ListRequest.all("support-bot", "alice"));

            assertThat(recent).extracting(Event::author).containsExactly("user", "helper");
            assertThat(recent.get(1).actions().get(0).output()).isEqualTo(Map.of("status", "in transit"));
            assertThat(mine).extracting(Session::id).containsExactly(session.id());

            assertThat(store.delete(new DeleteRequest("support-bot", "alice", session.id()))).isTrue();
            assertThat(store.get(new GetRequest("support-bot", "alice", session.id()))).isEmpty();
        }
    }
}
