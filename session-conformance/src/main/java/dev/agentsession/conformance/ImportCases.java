package dev.agentsession.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentsession.Action;
import dev.agentsession.AddEventOptions;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionAlreadyExistsException;
import dev.agentsession.spi.SessionImport;
import dev.agentsession.spi.SessionImport.ImportedSession;
import dev.agentsession.spi.SessionImport.OnExisting;
import dev.agentsession.spi.StoreCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Import (the SPI behind export, import and copy): sessions and events written as they were
 * elsewhere, ids, sequences and times kept, each session in one transaction.
 */
abstract class ImportCases extends ConformanceCases {

    private static final Instant CREATED = Instant.parse("2025-03-04T05:06:07.123456Z");

    private SessionImport importer;

    ImportCases(SessionServiceConformance kit) {
        super(kit);
    }

    @BeforeEach
    void importer() {
        assertThat(service).as("every backend imports").isInstanceOf(SessionImport.class);
        importer = (SessionImport) service;
    }

    private static ImportedSession session(String id, long lastSequence) {
        return new ImportedSession(APP, USER, id, AGENT, Map.of("topic", "refund", "priority", 2L),
                CREATED, CREATED.plusSeconds(lastSequence), Map.of("step", 3L), lastSequence);
    }

    private static List<Event> history(String id, int count) {
        List<Event> events = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Map<String, Object> delta = new HashMap<>();
            delta.put("step", (long) i);
            delta.put("gone", null);
            events.add(new Event("evt-" + i, id, i, "inv-" + i, i % 2 == 0 ? AGENT : null, "main", i % 2 == 0 ? AGENT : "user",
                    "turn " + i + " 🌧", i % 2 == 0 ? "because" : null,
                    i % 2 == 0 ? List.of(Action.of("lookup", Map.of("q", "x"), Map.of("n", 1L))) : List.of(),
                    i == count ? List.of("call-" + i) : List.of(), Map.of("i", (long) i),
                    CREATED.plusSeconds(i).plusNanos(1_000), delta));
        }
        return events;
    }

    @Test
    @DisplayName("an imported session keeps its id, times, metadata, state, and every event's id, sequence and time")
    void keepsEverything() {
        List<Event> events = history("imported-1", 5);

        assertThat(importer.importSession(session("imported-1", 5), events.iterator(), OnExisting.FAIL)).isTrue();

        Session read = service.get(new GetRequest(APP, USER, "imported-1")).orElseThrow();
        assertThat(read.createdAt()).isEqualTo(CREATED);
        assertThat(read.updatedAt()).isEqualTo(CREATED.plusSeconds(5));
        assertThat(read.metadata()).isEqualTo(Map.of("topic", "refund", "priority", 2L));
        assertThat(read.state()).isEqualTo(Map.of("step", 3L));
        assertThat(read.lastSequence()).isEqualTo(5);
        assertThat(read.events(EventsOptions.all())).isEqualTo(events);
        Event next = read.addEvent(AddEventOptions.of("user", "after the import"));
        assertThat(next.sequence()).isEqualTo(6);
    }

    @Test
    @DisplayName("on an existing id: FAIL refuses, SKIP leaves it, REPLACE swaps it whole")
    void existingIds() {
        importer.importSession(session("taken", 2), history("taken", 2).iterator(), OnExisting.FAIL);

        assertThatThrownBy(() -> importer.importSession(session("taken", 3), history("taken", 3).iterator(),
                OnExisting.FAIL)).isInstanceOf(SessionAlreadyExistsException.class);
        assertThat(importer.importSession(session("taken", 3), history("taken", 3).iterator(), OnExisting.SKIP))
                .isFalse();
        assertThat(service.get(new GetRequest(APP, USER, "taken")).orElseThrow().lastSequence()).isEqualTo(2);

        assertThat(importer.importSession(session("taken", 3), history("taken", 3).iterator(), OnExisting.REPLACE))
                .isTrue();
        assertThat(service.get(new GetRequest(APP, USER, "taken")).orElseThrow().events(EventsOptions.all()))
                .isEqualTo(history("taken", 3));
    }

    @Test
    @DisplayName("a history with a gap, out of order or short of its last sequence is refused, and nothing is written")
    void incompleteHistoriesRefused() {
        List<Event> gap = new ArrayList<>(history("gap", 3));
        gap.remove(1);
        assertThatThrownBy(() -> importer.importSession(session("gap", 3), gap.iterator(), OnExisting.FAIL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sequence 3 where 2");
        assertThatThrownBy(() -> importer.importSession(session("short", 4), history("short", 3).iterator(),
                OnExisting.FAIL)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("last sequence 4");

        assertThat(service.get(new GetRequest(APP, USER, "gap"))).isEmpty();
        assertThat(service.get(new GetRequest(APP, USER, "short"))).isEmpty();
    }

    @Test
    @DisplayName("a replace that fails leaves the existing session as it was")
    void failedReplaceChangesNothing() {
        importer.importSession(session("kept", 2), history("kept", 2).iterator(), OnExisting.FAIL);

        assertThatThrownBy(() -> importer.importSession(session("kept", 9), history("kept", 3).iterator(),
                OnExisting.REPLACE)).isInstanceOf(IllegalArgumentException.class);

        assertThat(service.get(new GetRequest(APP, USER, "kept")).orElseThrow().events(EventsOptions.all()))
                .isEqualTo(history("kept", 2));
    }

    @Test
    @DisplayName("app and user tiers are imported key by key, other keys left alone")
    void tiers() {
        importer.importAppState(APP, Map.of("units", "metric"));
        importer.importAppState(APP, Map.of("locale", "en"));
        importer.importUserState(APP, USER, Map.of("name", "Ada"));

        assertThat(service.appState(APP)).isEqualTo(Map.of("units", "metric", "locale", "en"));
        assertThat(service.userState(APP, USER)).isEqualTo(Map.of("name", "Ada"));
        assertThat(service.userState(APP, OTHER_USER)).isEmpty();
    }

    @Test
    @DisplayName("the catalog lists every app and every (app, user) scope with sessions or state, in code point order")
    void catalog() {
        assertThat(service).as("every backend has a catalog").isInstanceOf(StoreCatalog.class);
        StoreCatalog catalog = (StoreCatalog) service;
        newSession(APP, USER, "s1");
        newSession(APP, OTHER_USER, "s2");
        newSession(OTHER_APP, USER, "s3");
        importer.importAppState("zeta-app", Map.of("k", "v"));
        importer.importUserState("zeta-app", "zed", Map.of("k", "v"));

        assertThat(catalog.appNames()).containsExactly(OTHER_APP, APP, "zeta-app");
        assertThat(catalog.scopes(null)).containsExactly(new StoreCatalog.Scope(OTHER_APP, USER),
                new StoreCatalog.Scope(APP, USER), new StoreCatalog.Scope(APP, OTHER_USER),
                new StoreCatalog.Scope("zeta-app", "zed"));
        assertThat(catalog.scopes(APP)).containsExactly(new StoreCatalog.Scope(APP, USER),
                new StoreCatalog.Scope(APP, OTHER_USER));
    }

    @Test
    @DisplayName("the catalog finds a session by its id alone, in every scope that holds one")
    void catalogFindsSessionsById() {
        StoreCatalog catalog = (StoreCatalog) service;
        newSession(APP, USER, "shared");
        newSession(OTHER_APP, OTHER_USER, "shared");
        newSession(APP, OTHER_USER, "mine");

        assertThat(catalog.scopesOf("shared")).containsExactly(new StoreCatalog.Scope(OTHER_APP, OTHER_USER),
                new StoreCatalog.Scope(APP, USER));
        assertThat(catalog.scopesOf("mine")).containsExactly(new StoreCatalog.Scope(APP, OTHER_USER));
        assertThat(catalog.scopesOf("nobody")).isEmpty();
        assertThatThrownBy(() -> catalog.scopesOf(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sessionId");
    }
}
