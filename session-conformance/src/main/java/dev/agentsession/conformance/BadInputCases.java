package dev.agentsession.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.Action;
import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.Limits;
import dev.agentsession.Session;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input reaching a store: each entry point refuses what it is handed, naming the field, and
 * writes nothing. The requests themselves check their fields when they are built (proved once, in
 * session-api's tests); what is left here is what only a store sees: null requests, the cleanup's
 * own arguments, the read options of a handle, and text no database can keep.
 */
abstract class BadInputCases extends ConformanceCases {

    BadInputCases(SessionServiceConformance kit) {
        super(kit);
    }

    @Test
    @DisplayName("every entry point refuses a null request or options")
    void nullRequests() {
        Session session = newSession();
        session.addEvent(AddEventOptions.of("user", "existing"));
        assertRejectedWithoutWriting(() -> service.create(null), "request");
        assertRejectedWithoutWriting(() -> service.get(null), "request");
        assertRejectedWithoutWriting(() -> service.list(null), "request");
        assertRejectedWithoutWriting(() -> service.delete(null), "request");
        assertRejectedWithoutWriting(() -> session.addEvent(null), "options");
        assertRejectedWithoutWriting(() -> session.events(null), "options");
    }

    @Test
    @DisplayName("streamEvents refuses a negative afterSequence")
    void negativeStreamStart() {
        Session session = newSession();
        session.addEvent(AddEventOptions.of("user", "existing"));
        assertRejectedWithoutWriting(() -> session.streamEvents(-1), "afterSequence");
    }

    @Test
    @DisplayName("deleteSessionsUpdatedBefore refuses a null cutoff")
    void nullCutoff() {
        newSession();
        assertRejectedWithoutWriting(() -> service.deleteSessionsUpdatedBefore(null, APP, USER), "cutoff");
    }

    static Stream<String> badAppNames() {
        return Stream.of(null, "", " ", "a\u0000b", "a\uD800", "x".repeat(Limits.MAX_NAME_LENGTH + 1));
    }

    static Stream<String> badUserIds() {
        return Stream.of("", "\u2003", "a\u0000b", "\uDE00b", "y".repeat(Limits.MAX_NAME_LENGTH + 1));
    }

    @ParameterizedTest(name = "appName = [{0}]")
    @MethodSource("badAppNames")
    @DisplayName("deleteSessionsUpdatedBefore refuses a missing, blank, unstorable or over-long appName")
    void cleanupAppName(String appName) {
        newSession();
        assertRejectedWithoutWriting(() -> service.deleteSessionsUpdatedBefore(Instant.now(), appName, null),
                "appName");
    }

    @ParameterizedTest(name = "userId = [{0}]")
    @MethodSource("badUserIds")
    @DisplayName("deleteSessionsUpdatedBefore refuses a blank, unstorable or over-long userId (null means every user)")
    void cleanupUserId(String userId) {
        newSession();
        assertRejectedWithoutWriting(() -> service.deleteSessionsUpdatedBefore(Instant.now(), APP, userId),
                "userId");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"U+0000:a\u0000b", "a lone high surrogate:a\uD83Db", "a lone low surrogate:\uDE00b"})
    @DisplayName("text no database keeps faithfully never reaches the store, in any kind of column")
    void unstorableText(String labelled) {
        String bad = labelled.substring(labelled.indexOf(':') + 1);
        Session session = newSession();
        assertRejectedWithoutWriting(() -> service.create(CreateRequest.builder(APP, USER, AGENT)
                .metadata(Map.of("note", bad)).build()), "metadata.note");
        assertRejectedWithoutWriting(() -> session.addEvent(AddEventOptions.of("user", bad)), "content");
        assertRejectedWithoutWriting(() -> session.addEvent(AddEventOptions.of(bad, "x")), "author");
        assertRejectedWithoutWriting(() -> session.addEvent(AddEventOptions.builder("user")
                .longRunningToolIds(List.of("ok", bad)).build()), "longRunningToolIds[1]");
        assertRejectedWithoutWriting(() -> session.addEvent(AddEventOptions.builder("user")
                .action(Action.of("search", Map.of(), Map.of("hits", bad))).build()), "output.hits");
    }

    @Test
    @DisplayName("appState, userState and deleteUser refuse a missing or blank app or user")
    void tierArguments() {
        Session session = newSession();
        session.addEvent(AddEventOptions.builder("user").stateDelta(Map.of("app:a", 1L, "user:u", 1L)).build());
        assertRejectedWithoutWriting(() -> service.appState(null), "appName");
        assertRejectedWithoutWriting(() -> service.appState(" "), "appName");
        assertRejectedWithoutWriting(() -> service.userState(APP, ""), "userId");
        assertRejectedWithoutWriting(() -> service.userState(null, USER), "appName");
        assertRejectedWithoutWriting(() -> service.deleteUser(APP, null), "userId");
        assertRejectedWithoutWriting(() -> service.deleteUser("\t", USER), "appName");
        assertThat(service.userState(APP, USER)).isEqualTo(Map.of("u", 1L));
    }
}
