package dev.agentsession.portability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentsession.Action;
import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionAlreadyExistsException;
import dev.agentsession.SessionService;
import dev.agentsession.spi.SessionImport.OnExisting;
import dev.agentsession.spi.StoreCatalog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Export, import and copy on one backend: what goes in comes back equal. */
abstract class PortabilityContract {

    private final List<SessionService> opened = new ArrayList<>();

    /** @return a new, empty store of this backend */
    abstract SessionService freshStore() throws Exception;

    SessionService open() throws Exception {
        SessionService store = freshStore();
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(SessionService::close);
    }

    /** Two apps, three users, tiers, sessions with every kind of event field. */
    static void fill(SessionService store) {
        for (String[] scope : new String[][] {{"support-bot", "alice"}, {"support-bot", "bob"}, {"travel-bot", "alice"}}) {
            for (int s = 0; s < 3; s++) {
                Session session = store.create(CreateRequest.builder(scope[0], scope[1], "helper")
                        .sessionId(scope[1] + "-" + s).metadata(Map.of("topic", "t" + s, "n", (long) s, "ratio", 0.5))
                        .state(Map.of("step", (long) s, "app:units", "metric", "user:name", scope[1])).build());
                for (int e = 1; e <= s * 3 + 1; e++) {
                    Map<String, Object> delta = new HashMap<>();
                    delta.put("step", (long) e);
                    delta.put("temp:scratch", "gone");
                    if (e == 2) {
                        delta.put("step", null);
                    }
                    session.addEvent(AddEventOptions.builder(e % 2 == 0 ? "helper" : "user")
                            .content("turn " + e + " — 天気 🌦").reasoning(e % 2 == 0 ? "thought" : null)
                            .action(Action.of("lookup", Map.of("city", "Kyoto", "days", (long) e), Map.of("ok", true)))
                            .invocationId("inv-" + e).branch("root").agentId("helper")
                            .longRunningToolIds(e == 1 ? List.of("call-1") : List.of())
                            .metadata(Map.of("e", (long) e)).stateDelta(delta).eventId("evt-" + s + "-" + e).build());
                }
            }
        }
    }

    /** Everything a store holds, as plain values, for equality. */
    static Map<String, Object> view(SessionService store) {
        StoreCatalog catalog = (StoreCatalog) store;
        Map<String, Object> view = new LinkedHashMap<>();
        for (String app : catalog.appNames()) {
            view.put("app " + app, store.appState(app));
            for (StoreCatalog.Scope scope : catalog.scopes(app)) {
                view.put("user " + app + "/" + scope.userId(), store.userState(app, scope.userId()));
                List<Session> sessions = new ArrayList<>(store.list(ListRequest.all(app, scope.userId())));
                sessions.sort(Comparator.comparing(Session::id));
                for (Session session : sessions) {
                    view.put("session " + app + "/" + scope.userId() + "/" + session.id(), List.of(session.agentId(),
                            session.metadata(), session.createdAt(), session.updatedAt(), session.state(),
                            session.lastSequence(), session.events(EventsOptions.all())));
                }
            }
        }
        return view;
    }

    static byte[] export(SessionService store, ExportFilter filter) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonlExport.export(store, filter, out);
        return out.toByteArray();
    }

    static Summary importInto(SessionService store, byte[] jsonl, OnExisting onExisting) {
        return JsonlImport.importFrom(new ByteArrayInputStream(jsonl), store, onExisting);
    }

    @Test
    @DisplayName("an export imported into an empty store reads back equal: ids, sequences, times, state, tiers")
    void roundTrip() throws Exception {
        SessionService source = open();
        fill(source);

        byte[] jsonl = export(source, ExportFilter.all());
        SessionService target = open();
        Summary summary = importInto(target, jsonl, OnExisting.FAIL);

        assertThat(view(target)).isEqualTo(view(source));
        assertThat(summary).isEqualTo(new Summary(2, 3, 9, 0, 36));
        String text = new String(jsonl, StandardCharsets.UTF_8);
        assertThat(text.lines().findFirst()).hasValue("{\"format\":\"agent-session\",\"version\":1}");
        assertThat(text.lines().reduce((a, b) -> b)).hasValueSatisfying(last -> assertThat(last).startsWith("{\"kind\":\"end\""));
    }

    @Test
    @DisplayName("filters take one app, one user, one session, or sessions updated since a time")
    void filters() throws Exception {
        SessionService source = open();
        fill(source);

        SessionService app = open();
        importInto(app, export(source, ExportFilter.app("travel-bot")), OnExisting.FAIL);
        assertThat(((StoreCatalog) app).appNames()).containsExactly("travel-bot");

        SessionService one = open();
        importInto(one, export(source, ExportFilter.session("support-bot", "bob", "bob-2")), OnExisting.FAIL);
        assertThat(one.list(ListRequest.all("support-bot", "bob"))).extracting(Session::id).containsExactly("bob-2");
        assertThat(one.get(new GetRequest("support-bot", "bob", "bob-2")).orElseThrow().lastSequence()).isEqualTo(7);

        Session newest = source.list(ListRequest.all("support-bot", "alice")).get(0);
        SessionService recent = open();
        Summary summary = importInto(recent, export(source, ExportFilter.user("support-bot", "alice")
                .updatedSince(newest.updatedAt())), OnExisting.FAIL);
        assertThat(summary.sessions()).isEqualTo(1);
        assertThat(recent.list(ListRequest.all("support-bot", "alice"))).extracting(Session::id)
                .containsExactly(newest.id());
    }

    @Test
    @DisplayName("on existing ids: FAIL stops, SKIP keeps what is there, REPLACE takes the file's")
    void existingIds() throws Exception {
        SessionService source = open();
        fill(source);
        byte[] jsonl = export(source, ExportFilter.all());
        SessionService target = open();
        importInto(target, jsonl, OnExisting.FAIL);
        target.get(new GetRequest("support-bot", "alice", "alice-0")).orElseThrow()
                .addEvent(AddEventOptions.of("user", "written after the import"));

        assertThatThrownBy(() -> importInto(target, jsonl, OnExisting.FAIL))
                .isInstanceOf(SessionAlreadyExistsException.class);
        assertThat(importInto(target, jsonl, OnExisting.SKIP).skipped()).isEqualTo(9);
        assertThat(target.get(new GetRequest("support-bot", "alice", "alice-0")).orElseThrow().lastSequence())
                .isEqualTo(2);
        assertThat(importInto(target, jsonl, OnExisting.REPLACE).sessions()).isEqualTo(9);
        assertThat(view(target)).isEqualTo(view(source));
    }

    @Test
    @DisplayName("bad input is refused naming the line; a session cut short is not written, complete ones before it are")
    void badInput() throws Exception {
        SessionService source = open();
        fill(source);
        String text = new String(export(source, ExportFilter.session("support-bot", "bob", "bob-2")),
                StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(text.lines().toList());

        SessionService target = open();
        assertThatThrownBy(() -> importInto(target, "{\"format\":\"other\"}\n".getBytes(StandardCharsets.UTF_8),
                OnExisting.FAIL)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> importInto(target, "{\"format\":\"agent-session\",\"version\":2}\n"
                .getBytes(StandardCharsets.UTF_8), OnExisting.FAIL)).hasMessageContaining("version 2");
        List<String> missingEvent = new ArrayList<>(lines);
        missingEvent.remove(missingEvent.size() - 2);
        assertThatThrownBy(() -> importInto(target, String.join("\n", missingEvent).getBytes(StandardCharsets.UTF_8),
                OnExisting.FAIL)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("last sequence 7");
        List<String> garbled = new ArrayList<>(lines);
        garbled.set(4, "{not json");
        assertThatThrownBy(() -> importInto(target, String.join("\n", garbled).getBytes(StandardCharsets.UTF_8),
                OnExisting.FAIL)).hasMessageContaining("line 5");
        assertThat(target.get(new GetRequest("support-bot", "bob", "bob-2"))).isEmpty();

        List<String> wrongCount = new ArrayList<>(lines);
        wrongCount.set(wrongCount.size() - 1, wrongCount.get(wrongCount.size() - 1).replace("\"sessions\":1", "\"sessions\":2"));
        SessionService other = open();
        assertThatThrownBy(() -> importInto(other, String.join("\n", wrongCount).getBytes(StandardCharsets.UTF_8),
                OnExisting.FAIL)).hasMessageContaining("counts 2 sessions but 1 came");

        String noEnd = String.join("\n", lines.subList(0, lines.size() - 1));
        assertThatThrownBy(() -> importInto(target, noEnd.getBytes(StandardCharsets.UTF_8), OnExisting.FAIL))
                .hasMessageContaining("cut short");
        assertThat(target.get(new GetRequest("support-bot", "bob", "bob-2")).orElseThrow().lastSequence()).isEqualTo(7);
    }
}
