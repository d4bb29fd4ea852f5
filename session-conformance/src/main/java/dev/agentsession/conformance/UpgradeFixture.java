package dev.agentsession.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentsession.Action;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stores written by release 0.1 (schema V2) that each backend's upgrade test restores, opens
 * with this release and compares with the golden JSON committed beside them: every session and
 * event of the fixture's scopes, as that release read them. A content over 64 KiB is compared by
 * its SHA-256 and length.
 */
public final class UpgradeFixture {

    /** The (app, user) scopes the fixture writes. */
    public static final List<List<String>> SCOPES = List.of(List.of("support-bot", "alice"),
            List.of("support-bot", "bob"), List.of("billing-bot", "carol 🌸"), List.of("billing-bot", "alice"));

    private static final ObjectMapper JSON = new ObjectMapper();

    private UpgradeFixture() {
    }

    /**
     * Asserts that the store holds exactly what the golden file says, with every session's state
     * empty and its last sequence that of its last event.
     *
     * @param store the upgraded store
     * @param golden the golden JSON, as a class-path resource stream
     * @throws IOException if the golden file cannot be read
     */
    public static void assertMatchesGolden(SessionService store, InputStream golden) throws IOException {
        JsonNode expected;
        try (golden) {
            expected = JSON.readTree(golden);
        }
        List<Map<String, Object>> sessions = new ArrayList<>();
        for (List<String> scope : SCOPES) {
            for (Session session : store.list(ListRequest.all(scope.get(0), scope.get(1)))) {
                List<Event> events = session.events(EventsOptions.all());
                assertThat(session.state()).as("state of %s", session.id()).isEmpty();
                assertThat(session.lastSequence()).as("last sequence of %s", session.id())
                        .isEqualTo(events.isEmpty() ? 0 : events.get(events.size() - 1).sequence());
                sessions.add(session(session, events));
            }
        }
        assertThat(JSON.readTree(JSON.writeValueAsString(sessions))).isEqualTo(expected);
        assertThat(expected.size()).as("sessions in the fixture").isGreaterThanOrEqualTo(5);
    }

    private static Map<String, Object> session(Session session, List<Event> events) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("appName", session.appName());
        s.put("userId", session.userId());
        s.put("id", session.id());
        s.put("agentId", session.agentId());
        s.put("metadata", session.metadata());
        s.put("createdAt", session.createdAt().toString());
        s.put("updatedAt", session.updatedAt().toString());
        List<Map<String, Object>> list = new ArrayList<>();
        for (Event event : events) {
            assertThat(event.stateDelta()).isEmpty();
            list.add(event(event));
        }
        s.put("events", list);
        return s;
    }

    private static Map<String, Object> event(Event event) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", event.id());
        e.put("sequence", event.sequence());
        e.put("invocationId", event.invocationId());
        e.put("agentId", event.agentId());
        e.put("branch", event.branch());
        e.put("author", event.author());
        String content = event.content();
        if (content != null && content.length() > 65536) {
            e.put("contentSha256", sha256(content));
            e.put("contentLength", content.length());
        } else {
            e.put("content", content);
        }
        e.put("reasoning", event.reasoning());
        List<Map<String, Object>> actions = new ArrayList<>();
        for (Action action : event.actions()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("toolName", action.toolName());
            a.put("input", action.input());
            a.put("output", action.output());
            actions.add(a);
        }
        e.put("actions", actions);
        e.put("longRunningToolIds", event.longRunningToolIds());
        e.put("metadata", event.metadata());
        e.put("createdAt", event.createdAt().toString());
        return e;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
