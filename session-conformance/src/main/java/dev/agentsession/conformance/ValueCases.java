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
import dev.agentsession.Limits;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values: text of every script and size round-trips exactly; the size limit holds.
 */
abstract class ValueCases extends ConformanceCases {

    ValueCases(SessionServiceConformance kit) {
        super(kit);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "emoji 😀👍🏽👨‍👩‍👧‍👦 and flags 🇯🇵",
        "CJK 漢字かなカナ 한국어",
        "right-to-left مرحبا بالعالم שלום",
        "combining e\u0301 and Zalgo z\u0351\u0352\u0353",
        "  leading and trailing spaces, tab\tand\nnew\r\nlines  ",
        "SQL-looking '; DROP TABLE sessions; -- and \" \\ % _ ? $1 :name",
        "JSON-looking {\"a\": [1, 2]} and \\u0000 as six characters"
    })
    @DisplayName("text round-trips exactly")
    void textRoundTrips(String text) {
        Session session = service.create(CreateRequest.builder(APP, USER, AGENT)
                .sessionId(prefix(text, 40))
                .metadata(Map.of(text, text)).build());
        AddEventOptions options = AddEventOptions.builder(prefix(text, 20))
                .content(text).reasoning(text).branch(text).invocationId(text).agentId(text)
                .action(Action.of("tool " + text, Map.of(text, List.of(text)), text))
                .longRunningToolIds(List.of(text)).metadata(Map.of(text, text)).build();
        Event written = session.addEvent(options);

        Session read = reread(session);
        assertThat(read.id()).isEqualTo(session.id());
        assertThat(read.metadata()).isEqualTo(Map.of(text, text));
        Event stored = read.events(EventsOptions.all()).get(0);
        assertThat(stored).isEqualTo(written);
        assertThat(stored.content()).isEqualTo(text);
        assertThat(stored.actions().get(0).output()).isEqualTo(text);
    }

    @Test
    @DisplayName("content of 8 MiB of UTF-8 round-trips")
    void eightMebibytesRoundTrip() {
        String content = utf8OfLength(8 * 1024 * 1024);
        Session session = newSession();

        Event written = session.addEvent(AddEventOptions.builder("user").content(content).build());

        String read = session.events(EventsOptions.last(1)).get(0).content();
        assertThat(read.getBytes(StandardCharsets.UTF_8)).hasSize(8 * 1024 * 1024);
        assertThat(read.equals(content)).as("8 MiB content read back equal").isTrue();
        assertThat(written.content().equals(content)).isTrue();
    }

    @Test
    @DisplayName("an event over the documented maximum is rejected before anything is written")
    void oversizedEventRejected() {
        Session session = newSession();
        String content = utf8OfLength(Limits.MAX_EVENT_BYTES + 1);
        List<String> before = visibleState();

        assertThatThrownBy(() -> session.addEvent(AddEventOptions.builder("user").content(content).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("content")
                .hasMessageContaining(String.valueOf(Limits.MAX_EVENT_BYTES));
        assertThat(visibleState()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"x'); DROP TABLE sessions; --", "\" OR \"1\"=\"1", "%_\\' $1 ?; --", "{\"$ne\": null}"})
    @DisplayName("SQL-looking text is stored literally in every field of a session and an event")
    void storedLiterally(String value) {
        Session created = service.create(CreateRequest.builder(value, value, value).sessionId(value)
                .metadata(Map.of(value, value)).build());
        assertSameSnapshot(service.get(new GetRequest(value, value, value)).orElseThrow(), created);
        assertThat(service.list(ListRequest.all(value, value))).extracting(Session::id).containsExactly(value);

        Event written = created.addEvent(AddEventOptions.builder(value).content(value).reasoning(value)
                .invocationId(value).agentId(value).branch(value).longRunningToolIds(List.of(value))
                .action(new Action(value, Map.of(value, value), value)).metadata(Map.of(value, value)).build());
        assertThat(reread(created).events(EventsOptions.all())).containsExactly(written);
        assertThat(service.delete(new DeleteRequest(value, value, value))).isTrue();
    }

    /** The first {@code codePoints} code points of {@code text}, never splitting a pair. */
    private String prefix(String text, int codePoints) {
        return text.codePoints().limit(codePoints)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /** Text of exactly {@code bytes} UTF-8 bytes mixing 1-, 2-, 3- and 4-byte characters. */
    private String utf8OfLength(int bytes) {
        String unit = "agent é 東 😀 ";  // 6 + 3 + 4 + 5 + 1 bytes ... measured below
        int unitBytes = unit.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder text = new StringBuilder(bytes);
        for (int i = 0; i < bytes / unitBytes; i++) {
            text.append(unit);
        }
        text.append("x".repeat(bytes % unitBytes));
        return text.toString();
    }
}
