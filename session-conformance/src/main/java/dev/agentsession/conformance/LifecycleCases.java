package dev.agentsession.conformance;

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
import dev.agentsession.SessionService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Lifecycle: close, calls after close, and (with REOPEN) data after reopening.
 */
abstract class LifecycleCases extends ConformanceCases {

    LifecycleCases(SessionServiceConformance kit) {
        super(kit);
    }

    @Test
    @DisplayName("close is idempotent")
    void closeIsIdempotent() {
        service.close();
        service.close();
    }

    @Test
    @DisplayName("every call after close throws IllegalStateException, on the service and its handles")
    void callsAfterCloseFail() {
        Session session = newSession();
        session.addEvent(AddEventOptions.of("user", "before close"));
        service.close();

        List<Consumer<SessionService>> calls = List.of(
                s -> s.create(CreateRequest.of(APP, USER, AGENT)),
                s -> s.get(new GetRequest(APP, USER, session.id())),
                s -> s.list(ListRequest.all(APP, USER)),
                s -> s.delete(new DeleteRequest(APP, USER, session.id())),
                s -> s.deleteSessionsUpdatedBefore(Instant.now(), APP, null),
                s -> session.addEvent(AddEventOptions.of("user", "after close")),
                s -> session.events(EventsOptions.all()),
                s -> session.streamEvents(0).count());
        for (Consumer<SessionService> call : calls) {
            assertThatThrownBy(() -> call.accept(service)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    @DisplayName("(reopen) everything written is there after close and reopen")
    void dataSurvivesReopen() throws Exception {
        requireCapability(Capability.REOPEN);
        Session session = service.create(CreateRequest.builder(APP, USER, AGENT)
                .sessionId("durable").metadata(richMetadata()).build());
        List<Event> written = new ArrayList<>(append(session, 3));
        written.add(session.addEvent(AddEventOptions.builder("agent").content("with everything")
                .reasoning("why").action(Action.of("tool", Map.of("a", 1L), List.of("out")))
                .longRunningToolIds(List.of("x", "y")).metadata(richMetadata()).build()));
        Session before = reread(session);
        service.close();

        reopenStore();

        Session after = reread(session);
        assertSameSnapshot(after, before);
        assertThat(after.events(EventsOptions.all())).isEqualTo(written);
    }

    @Test
    @DisplayName("(reopen) sequences continue after close and reopen")
    void sequencesContinueAfterReopen() throws Exception {
        requireCapability(Capability.REOPEN);
        Session session = newSession(APP, USER, "continued");
        append(session, 2);
        service.close();

        reopenStore();

        Event third = reread(session).addEvent(AddEventOptions.of("user", "third"));
        assertThat(third.sequence()).isEqualTo(3);
    }
}
