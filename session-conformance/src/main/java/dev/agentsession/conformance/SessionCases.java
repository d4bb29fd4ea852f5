package dev.agentsession.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.DeleteRequest;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionAlreadyExistsException;
import dev.agentsession.SessionNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Sessions: create, get, list, delete and cleanup.
 */
abstract class SessionCases extends ConformanceCases {

    SessionCases(SessionServiceConformance kit) {
        super(kit);
    }

    @Test
    @DisplayName("create echoes the app, user, agent and metadata, with createdAt equal to updatedAt")
    void createEchoesItsRequest() {
        Session session = service.create(CreateRequest.builder(APP, USER, AGENT)
                .metadata(Map.of("topic", "refund")).build());

        assertThat(session.appName()).isEqualTo(APP);
        assertThat(session.userId()).isEqualTo(USER);
        assertThat(session.agentId()).isEqualTo(AGENT);
        assertThat(session.metadata()).isEqualTo(Map.of("topic", "refund"));
        assertThat(session.createdAt()).isEqualTo(session.updatedAt());
    }

    @Test
    @DisplayName("1,000 creates give 1,000 distinct URL-safe ids of at most 64 characters")
    void generatedIdsAreDistinctAndUrlSafe() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(newSession().id());
        }
        assertThat(ids).hasSize(1000)
                .allSatisfy(id -> assertThat(id).hasSizeLessThanOrEqualTo(64).matches(URL_SAFE));
        assertThat(service.list(ListRequest.all(APP, USER))).hasSize(1000);
    }

    @Test
    @DisplayName("a caller-chosen id is kept")
    void callerChosenIdIsKept() {
        Session session = newSession(APP, USER, "conversation-42");
        assertThat(session.id()).isEqualTo("conversation-42");
        assertThat(service.get(new GetRequest(APP, USER, "conversation-42"))).isPresent();
    }

    @Test
    @DisplayName("reusing a caller-chosen id fails with SessionAlreadyExistsException and changes nothing")
    void reusingAnIdFails() {
        Session first = service.create(CreateRequest.builder(APP, USER, AGENT)
                .sessionId("taken").metadata(Map.of("v", 1L)).build());
        first.addEvent(AddEventOptions.of("user", "hello"));
        List<String> before = visibleState();

        Throwable thrown = catchThrowable(() -> service.create(CreateRequest.builder(APP, USER, "other-agent")
                .sessionId("taken").metadata(Map.of("v", 2L)).build()));

        assertThat(thrown).isInstanceOf(SessionAlreadyExistsException.class)
                .hasMessageContaining("taken");
        assertThat(((SessionAlreadyExistsException) thrown).sessionId()).isEqualTo("taken");
        assertThat(visibleState()).isEqualTo(before);
    }

    @Test
    @DisplayName("ids are case-sensitive: 'Case' and 'case' are two sessions")
    void idsAreCaseSensitive() {
        newSession(APP, USER, "Case").addEvent(AddEventOptions.of("user", "upper"));
        newSession(APP, USER, "case").addEvent(AddEventOptions.of("user", "lower"));

        assertThat(service.get(new GetRequest(APP, USER, "Case")).orElseThrow()
                .events(EventsOptions.all())).extracting(Event::content).containsExactly("upper");
        assertThat(service.get(new GetRequest(APP, USER, "case")).orElseThrow()
                .events(EventsOptions.all())).extracting(Event::content).containsExactly("lower");
        assertThat(service.get(new GetRequest(APP, USER, "CASE"))).isEmpty();
    }

    @Test
    @DisplayName("get returns what create returned")
    void getReturnsWhatCreateReturned() {
        Session created = service.create(CreateRequest.builder(APP, USER, AGENT)
                .metadata(richMetadata()).build());
        assertSameSnapshot(reread(created), created);
    }

    @Test
    @DisplayName("get of an unknown id is empty")
    void getOfUnknownIdIsEmpty() {
        newSession(APP, USER, "known");
        assertThat(service.get(new GetRequest(APP, USER, "unknown"))).isEmpty();
    }

    @Test
    @DisplayName("list shows only the sessions of that app and user")
    void listIsScoped() {
        Session mine = newSession(APP, USER, "mine");
        newSession(APP, OTHER_USER, "theirs");
        newSession(OTHER_APP, USER, "other-app");

        assertThat(service.list(ListRequest.all(APP, USER))).extracting(Session::id)
                .containsExactly(mine.id());
        assertThat(service.list(ListRequest.all(APP, "nobody"))).isEmpty();
    }

    @Test
    @DisplayName("list orders newest updatedAt first, ties by id")
    void listOrdersByUpdatedAtThenId() {
        List<Session> created = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            created.add(newSession(APP, USER, "s" + (char) ('a' + (i * 7) % 20)));
        }
        created.get(3).addEvent(AddEventOptions.of("user", "bump"));

        List<Session> listed = service.list(ListRequest.all(APP, USER));

        assertThat(listed).hasSize(20);
        assertThat(listed).isSortedAccordingTo(Comparator.comparing(Session::updatedAt).reversed()
                .thenComparing(Session::id));
        assertThat(listed.get(0).id()).isEqualTo(created.get(3).id());
    }

    @Test
    @DisplayName("list with a limit returns the newest sessions only")
    void listLimit() throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Session session = newSession();
            ids.add(session.id());
            waitPast(session.updatedAt());
        }
        Collections.reverse(ids);

        assertThat(service.list(new ListRequest(APP, USER, 2))).extracting(Session::id)
                .containsExactly(ids.get(0), ids.get(1));
        assertThat(service.list(new ListRequest(APP, USER, 10))).extracting(Session::id)
                .containsExactlyElementsOf(ids);
        assertThat(service.list(new ListRequest(APP, USER, 0))).extracting(Session::id)
                .containsExactlyElementsOf(ids);
    }

    @Test
    @DisplayName("an append moves a session to the front of the list")
    void appendMovesSessionToFront() throws InterruptedException {
        Session older = newSession();
        waitPast(older.updatedAt());
        Session newer = newSession();
        waitPast(newer.updatedAt());
        assertThat(service.list(ListRequest.all(APP, USER))).extracting(Session::id)
                .containsExactly(newer.id(), older.id());

        Event event = older.addEvent(AddEventOptions.of("user", "still there?"));

        List<Session> listed = service.list(ListRequest.all(APP, USER));
        assertThat(listed).extracting(Session::id).containsExactly(older.id(), newer.id());
        assertThat(listed.get(0).updatedAt()).isEqualTo(event.createdAt());
    }

    @Test
    @DisplayName("delete returns true, then false, and the session is gone")
    void deleteTwice() {
        Session session = newSession();
        DeleteRequest delete = new DeleteRequest(APP, USER, session.id());

        assertThat(service.delete(delete)).isTrue();
        assertThat(service.delete(delete)).isFalse();
        assertThat(service.get(new GetRequest(APP, USER, session.id()))).isEmpty();
        assertThat(service.list(ListRequest.all(APP, USER))).isEmpty();
    }

    @Test
    @DisplayName("delete removes the session's events too")
    void deleteCascadesToEvents() {
        Session session = newSession(APP, USER, "doomed");
        append(session, 3);

        service.delete(new DeleteRequest(APP, USER, "doomed"));

        assertThat(session.events(EventsOptions.all())).isEmpty();
        assertThat(session.streamEvents(0)).isEmpty();
        Session reborn = newSession(APP, USER, "doomed");
        assertThat(reborn.events(EventsOptions.all())).isEmpty();
    }

    @Test
    @DisplayName("a deleted session's id can be used again, and old handles never reach the new session")
    void oldHandleDoesNotReachReusedId() {
        Session old = newSession(APP, USER, "reused");
        old.addEvent(AddEventOptions.of("user", "old"));
        service.delete(new DeleteRequest(APP, USER, "reused"));

        Session reborn = newSession(APP, USER, "reused");
        reborn.addEvent(AddEventOptions.of("user", "new"));

        assertThat(old.events(EventsOptions.all())).isEmpty();
        assertThatThrownBy(() -> old.addEvent(AddEventOptions.of("user", "lost")))
                .isInstanceOf(SessionNotFoundException.class);
        assertThat(reborn.events(EventsOptions.all())).extracting(Event::content, Event::sequence)
                .containsExactly(tuple("new", 1L));
    }

    @Test
    @DisplayName("deleteSessionsUpdatedBefore deletes and counts only older sessions of that app")
    void deleteBeforeCutoffForEveryUser() throws InterruptedException {
        Session oldMine = newSession(APP, USER, "old-mine");
        append(oldMine, 2);
        Session oldTheirs = newSession(APP, OTHER_USER, "old-theirs");
        Session oldOtherApp = newSession(OTHER_APP, USER, "old-other-app");
        Instant cutoff = cutoffAfter(oldOtherApp.updatedAt());
        Session fresh = newSession(APP, USER, "fresh");

        long deleted = service.deleteSessionsUpdatedBefore(cutoff, APP, null);

        assertThat(deleted).isEqualTo(2);
        assertThat(service.list(ListRequest.all(APP, USER))).extracting(Session::id)
                .containsExactly(fresh.id());
        assertThat(service.list(ListRequest.all(APP, OTHER_USER))).isEmpty();
        assertThat(service.get(new GetRequest(OTHER_APP, USER, oldOtherApp.id()))).isPresent();
        assertThat(oldMine.events(EventsOptions.all())).isEmpty();
        assertThat(oldTheirs.events(EventsOptions.all())).isEmpty();
    }

    @Test
    @DisplayName("deleteSessionsUpdatedBefore with a user deletes only that user's sessions")
    void deleteBeforeCutoffForOneUser() throws InterruptedException {
        newSession(APP, USER, "old-mine");
        Instant cutoff = cutoffAfter(newSession(APP, OTHER_USER, "old-theirs").updatedAt());

        assertThat(service.deleteSessionsUpdatedBefore(cutoff, APP, USER)).isEqualTo(1);
        assertThat(service.list(ListRequest.all(APP, USER))).isEmpty();
        assertThat(service.list(ListRequest.all(APP, OTHER_USER))).extracting(Session::id)
                .containsExactly("old-theirs");
    }

    @Test
    @DisplayName("deleteSessionsUpdatedBefore compares the cutoff with updatedAt exactly")
    void deleteBeforeCutoffUsesUpdatedAt() throws InterruptedException {
        Session session = newSession(APP, USER, "active");
        Instant cutoff = cutoffAfter(session.updatedAt());
        session.addEvent(AddEventOptions.of("user", "still talking"));

        assertThat(service.deleteSessionsUpdatedBefore(cutoff, APP, null)).isZero();
        assertThat(service.deleteSessionsUpdatedBefore(cutoff.minus(Duration.ofDays(1)), APP, null))
                .isZero();
        Instant updatedAt = reread(session).updatedAt();
        assertThat(service.deleteSessionsUpdatedBefore(updatedAt, APP, null))
                .as("a session updated exactly at the cutoff is not before it").isZero();
        assertThat(service.deleteSessionsUpdatedBefore(updatedAt.plusNanos(1), APP, null))
                .as("a cutoff one nanosecond later is after it").isEqualTo(1);
        assertThat(session.events(EventsOptions.all())).isEmpty();
    }
}
