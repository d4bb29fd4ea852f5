package dev.agentsession.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.DeleteRequest;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Scope: one (app, user) never sees the sessions of another.
 */
abstract class ScopeCases extends ConformanceCases {

    ScopeCases(SessionServiceConformance kit) {
        super(kit);
    }

    @Test
    @DisplayName("a session of another user is invisible")
    void anotherUsersSessionIsInvisible() {
        Session session = newSession(APP, USER, "private");
        assertThat(service.get(new GetRequest(APP, OTHER_USER, session.id()))).isEmpty();
        assertThat(service.list(ListRequest.all(APP, OTHER_USER))).isEmpty();
    }

    @Test
    @DisplayName("a session of the same user in another app is invisible")
    void anotherAppsSessionIsInvisible() {
        Session session = newSession(APP, USER, "private");
        assertThat(service.get(new GetRequest(OTHER_APP, USER, session.id()))).isEmpty();
        assertThat(service.list(ListRequest.all(OTHER_APP, USER))).isEmpty();
    }

    @Test
    @DisplayName("another user's delete returns false and leaves the session intact")
    void anotherUsersDeleteChangesNothing() {
        Session session = newSession(APP, USER, "private");
        append(session, 2);
        List<String> before = visibleState();

        assertThat(service.delete(new DeleteRequest(APP, OTHER_USER, session.id()))).isFalse();
        assertThat(service.delete(new DeleteRequest(OTHER_APP, USER, session.id()))).isFalse();
        assertThat(service.deleteSessionsUpdatedBefore(Instant.now().plusSeconds(60), OTHER_APP, null))
                .isZero();

        assertThat(visibleState()).isEqualTo(before);
    }

    @Test
    @DisplayName("the same id in two scopes names two independent sessions")
    void sameIdInTwoScopesIsTwoSessions() {
        Session mine = service.create(CreateRequest.builder(APP, USER, AGENT)
                .sessionId("shared-name").metadata(Map.of("owner", USER)).build());
        Session theirs = service.create(CreateRequest.builder(APP, OTHER_USER, AGENT)
                .sessionId("shared-name").metadata(Map.of("owner", OTHER_USER)).build());
        mine.addEvent(AddEventOptions.of("user", "mine"));
        theirs.addEvent(AddEventOptions.of("user", "theirs 1"));
        theirs.addEvent(AddEventOptions.of("user", "theirs 2"));

        assertThat(mine.events(EventsOptions.all())).extracting(Event::content).containsExactly("mine");
        assertThat(theirs.events(EventsOptions.all())).extracting(Event::content)
                .containsExactly("theirs 1", "theirs 2");
        assertThat(reread(mine).metadata()).containsEntry("owner", USER);

        assertThat(service.delete(new DeleteRequest(APP, OTHER_USER, "shared-name"))).isTrue();
        assertThat(reread(mine).events(EventsOptions.all())).extracting(Event::content)
                .containsExactly("mine");
    }
}
