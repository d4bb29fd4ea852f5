package dev.agentsession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request checks its fields when it is built, before any store sees it: each bad value
 * throws IllegalArgumentException naming the field (or the path inside a JSON value). The
 * conformance kit proves on every backend that a rejected call writes nothing; the rules
 * themselves are proved here, once.
 */
@DisplayName("requests check their fields when they are built")
class RequestValidationTest {

    private static final String APP = "app";
    private static final String USER = "user";
    private static final String AGENT = "agent";

    /** A text field of a request, what the contract allows in it, and how to build one with it. */
    private record TextField(String request, String field, boolean required, boolean blankAllowed, int maxLength,
                             Consumer<String> build) {
    }

    private static List<TextField> textFields() {
        int name = Limits.MAX_NAME_LENGTH;
        int id = Limits.MAX_SESSION_ID_LENGTH;
        return List.of(
                new TextField("CreateRequest", "appName", true, false, name, v -> CreateRequest.of(v, USER, AGENT)),
                new TextField("CreateRequest", "userId", true, false, name, v -> CreateRequest.of(APP, v, AGENT)),
                new TextField("CreateRequest", "agentId", true, false, name, v -> CreateRequest.of(APP, USER, v)),
                new TextField("CreateRequest", "sessionId", false, false, id,
                        v -> CreateRequest.builder(APP, USER, AGENT).sessionId(v).build()),
                new TextField("CreateRequest", "metadata.note", false, true, 0,
                        v -> CreateRequest.builder(APP, USER, AGENT).metadata(mapOf("note", v)).build()),
                new TextField("GetRequest", "appName", true, false, name, v -> new GetRequest(v, USER, "s")),
                new TextField("GetRequest", "userId", true, false, name, v -> new GetRequest(APP, v, "s")),
                new TextField("GetRequest", "sessionId", true, false, id, v -> new GetRequest(APP, USER, v)),
                new TextField("ListRequest", "appName", true, false, name, v -> ListRequest.all(v, USER)),
                new TextField("ListRequest", "userId", true, false, name, v -> ListRequest.all(APP, v)),
                new TextField("DeleteRequest", "appName", true, false, name, v -> new DeleteRequest(v, USER, "s")),
                new TextField("DeleteRequest", "userId", true, false, name, v -> new DeleteRequest(APP, v, "s")),
                new TextField("DeleteRequest", "sessionId", true, false, id, v -> new DeleteRequest(APP, USER, v)),
                new TextField("AddEventOptions", "author", true, false, name, v -> AddEventOptions.of(v, "x")),
                new TextField("AddEventOptions", "content", false, true, 0, v -> AddEventOptions.of("user", v)),
                new TextField("AddEventOptions", "reasoning", false, true, 0,
                        v -> AddEventOptions.builder("user").reasoning(v).build()),
                new TextField("AddEventOptions", "invocationId", false, true, name,
                        v -> AddEventOptions.builder("user").invocationId(v).build()),
                new TextField("AddEventOptions", "agentId", false, true, name,
                        v -> AddEventOptions.builder("user").agentId(v).build()),
                new TextField("AddEventOptions", "branch", false, true, name,
                        v -> AddEventOptions.builder("user").branch(v).build()),
                new TextField("AddEventOptions", "longRunningToolIds[0]", true, false, name,
                        v -> AddEventOptions.builder("user").longRunningToolIds(Arrays.asList(v)).build()),
                new TextField("AddEventOptions", "metadata.note", false, true, 0,
                        v -> AddEventOptions.builder("user").metadata(mapOf("note", v)).build()),
                new TextField("Action", "toolName", true, false, name, v -> new Action(v, null, null)),
                new TextField("Action", "input.q", false, true, 0, v -> new Action("t", mapOf("q", v), null)),
                new TextField("Action", "output", false, true, 0, v -> new Action("t", null, v)));
    }

    /** Values that are not JSON-shaped, by what they are. */
    private static Map<String, Object> notJson() {
        Map<String, Object> cyclic = new HashMap<>();
        cyclic.put("again", cyclic);
        Map<Object, Object> numericKey = new HashMap<>();
        numericKey.put(7, "seven");
        Object deep = "leaf";
        for (int i = 0; i <= Limits.MAX_JSON_DEPTH; i++) {
            deep = List.of(deep);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("an Instant", Instant.EPOCH);
        values.put("an Object", new Object());
        values.put("a StringBuilder", new StringBuilder("x"));
        values.put("a Path in a list", List.of(1L, Path.of("/tmp")));
        values.put("a cyclic map", cyclic);
        values.put("a map with a non-string key", numericKey);
        values.put("NaN", Double.NaN);
        values.put("an infinite float", Float.POSITIVE_INFINITY);
        values.put("a BigInteger beyond long", BigInteger.TWO.pow(64));
        values.put("nesting beyond the limit", deep);
        values.put("U+0000 in a nested string", List.of("a", "c\u0000"));
        values.put("an unpaired surrogate in a key", Map.of("k\uD800", "v"));
        return values;
    }

    /** A JSON field of a request and how to build one with a value in it. */
    private record JsonField(String request, String field, Consumer<Object> build) {
    }

    private static List<JsonField> jsonFields() {
        return List.of(
                new JsonField("CreateRequest", "metadata.v",
                        v -> CreateRequest.builder(APP, USER, AGENT).metadata(mapOf("v", v)).build()),
                new JsonField("AddEventOptions", "metadata.v",
                        v -> AddEventOptions.builder("user").metadata(mapOf("v", v)).build()),
                new JsonField("Action", "input.v", v -> new Action("t", mapOf("v", v), null)),
                new JsonField("Action", "output", v -> new Action("t", null, v)));
    }

    private static Map<String, Object> mapOf(String key, Object value) {
        Map<String, Object> map = new HashMap<>();
        map.put(key, value);
        return map;
    }

    private static void assertRejected(Runnable build, String field) {
        assertThatThrownBy(build::run).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(field);
    }

    @TestFactory
    @DisplayName("each bad text is rejected, naming the field")
    Stream<DynamicTest> badText() {
        List<DynamicTest> cases = new ArrayList<>();
        for (TextField field : textFields()) {
            Map<String, String> bad = new LinkedHashMap<>();
            if (field.required()) {
                bad.put("null", null);
            }
            if (!field.blankAllowed()) {
                bad.put("empty", "");
                bad.put("blank", " \t ");
                bad.put("an em space", "\u2003");
            }
            if (field.maxLength() > 0) {
                bad.put("one character too long", "x".repeat(field.maxLength() + 1));
            }
            bad.put("U+0000", "a\u0000b");
            bad.put("a lone high surrogate", "a\uD83D");
            bad.put("a lone low surrogate", "\uDE00b");
            bad.put("a reversed pair", "x\uDE00\uD83D");
            bad.forEach((label, value) -> cases.add(DynamicTest.dynamicTest(
                    field.request() + "." + field.field() + ": " + label,
                    () -> assertRejected(() -> field.build().accept(value), field.field()))));
        }
        return cases.stream();
    }

    @TestFactory
    @DisplayName("the longest allowed text is accepted where the shortest bad one is not")
    Stream<DynamicTest> longestAllowed() {
        return textFields().stream().filter(field -> field.maxLength() > 0).map(field -> DynamicTest.dynamicTest(
                field.request() + "." + field.field() + " of " + field.maxLength() + " characters",
                () -> field.build().accept("x".repeat(field.maxLength()))));
    }

    @TestFactory
    @DisplayName("each value that is not JSON-shaped is rejected, naming the path")
    Stream<DynamicTest> notJsonShaped() {
        List<DynamicTest> cases = new ArrayList<>();
        for (JsonField field : jsonFields()) {
            notJson().forEach((label, value) -> cases.add(DynamicTest.dynamicTest(
                    field.request() + "." + field.field() + ": " + label,
                    () -> assertRejected(() -> field.build().accept(value), field.field()))));
        }
        return cases.stream();
    }

    static Stream<Arguments> nestedPaths() {
        return Stream.of(
                Arguments.of(Map.of("a", List.of(1L, Path.of("/tmp"))), "metadata.a[1]"),
                Arguments.of(Map.of("tags", List.of("a", "b", "c\u0000")), "metadata.tags[2]"),
                Arguments.of(Map.of("a", Map.of("b", "x\uDE00")), "metadata.a.b"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("nestedPaths")
    @DisplayName("the error names the path down to the bad value")
    void namesThePath(Map<String, Object> metadata, String path) {
        assertRejected(() -> CreateRequest.builder(APP, USER, AGENT).metadata(metadata).build(), path);
        assertRejected(() -> AddEventOptions.builder("user").metadata(metadata).build(), path);
    }

    @Test
    @DisplayName("a null action in the list is rejected with its index")
    void nullAction() {
        assertRejected(() -> AddEventOptions.builder("user").actions(Arrays.asList(Action.of("ok", Map.of()), null))
                .build(), "actions[1]");
    }

    @Test
    @DisplayName("sizes beyond the documented maxima are rejected")
    void sizes() {
        String huge = "h".repeat(Limits.MAX_EVENT_BYTES + 1);
        assertRejected(() -> AddEventOptions.of("user", huge), "content");
        assertRejected(() -> AddEventOptions.builder("user").reasoning(huge).build(), "reasoning");
        assertRejected(() -> CreateRequest.builder(APP, USER, AGENT)
                .metadata(Map.of("big", "m".repeat(Limits.MAX_SESSION_METADATA_BYTES))).build(), "metadata");
    }

    @Test
    @DisplayName("negative limits and sequences are rejected")
    void negatives() {
        assertRejected(() -> new ListRequest(APP, USER, -1), "limit");
        assertRejected(() -> new EventsOptions(-1, 0), "limit");
        assertRejected(() -> new EventsOptions(0, -5), "afterSequence");
        assertThat(new EventsOptions(0, 0)).isEqualTo(EventsOptions.all());
    }

    @Test
    @DisplayName("a time filter must name its time, and is kept to the microsecond as stored times are")
    void timeFilter() {
        assertRejected(() -> EventsOptions.notBefore(null), "notBefore");
        assertRejected(() -> EventsOptions.last(3).withNotBefore(null), "notBefore");
        Instant time = Instant.parse("2026-11-26T10:15:30.123456789Z");
        assertThat(EventsOptions.last(3).withNotBefore(time))
                .isEqualTo(new EventsOptions(3, 0, Instant.parse("2026-11-26T10:15:30.123456Z")));
        assertThat(new EventsOptions(2, 7).notBefore()).isNull();
    }

    @TestFactory
    @DisplayName("state keys follow the name rules, and a bare scope prefix is refused")
    Stream<DynamicTest> badStateKeys() {
        List<String> bad = List.of("", " ", "app:", "user:", "temp:", "app: ", "k".repeat(Limits.MAX_NAME_LENGTH + 1),
                "a\u0000b", "a\uD800");
        List<DynamicTest> cases = new ArrayList<>();
        for (String key : bad) {
            cases.add(DynamicTest.dynamicTest("CreateRequest.state key [" + key + "]", () -> assertRejected(
                    () -> CreateRequest.builder(APP, USER, AGENT).state(mapOf(key, 1L)).build(), "state")));
            cases.add(DynamicTest.dynamicTest("AddEventOptions.stateDelta key [" + key + "]", () -> assertRejected(
                    () -> AddEventOptions.builder("user").stateDelta(mapOf(key, 1L)).build(), "stateDelta")));
        }
        return cases.stream();
    }

    @Test
    @DisplayName("state values are JSON values, a null value is a removal, and a tier over its limit is refused")
    void stateValues() {
        assertRejected(() -> AddEventOptions.builder("user").stateDelta(Map.of("app:when", Instant.EPOCH)).build(),
                "stateDelta[\"app:when\"]");
        assertRejected(() -> AddEventOptions.builder("user")
                .stateDelta(Map.of("user:big", "b".repeat(Limits.MAX_STATE_TIER_BYTES))).build(), "user state");
        AddEventOptions removal = AddEventOptions.builder("user").stateDelta(mapOf("app:gone", null)).build();
        assertThat(removal.stateDelta()).containsEntry("app:gone", null);
        assertThat(AddEventOptions.builder("user").stateDelta(Map.of("k".repeat(Limits.MAX_NAME_LENGTH), 1)).build()
                .stateDelta()).containsValue(1L);
    }

    @Test
    @DisplayName("an expected last sequence is not negative, and an event id follows the rules of session ids")
    void appendConditions() {
        assertRejected(() -> AddEventOptions.builder("user").expectedLastSequence(-1).build(), "expectedLastSequence");
        for (String id : Arrays.asList("", " ", "e".repeat(Limits.MAX_SESSION_ID_LENGTH + 1), "a\u0000b")) {
            assertRejected(() -> AddEventOptions.builder("user").eventId(id).build(), "eventId");
        }
        AddEventOptions chosen = AddEventOptions.builder("user").eventId("turn-7").expectedLastSequence(0).build();
        assertThat(chosen.eventId()).isEqualTo("turn-7");
        assertThat(chosen.expectedLastSequence()).isZero();
        assertThat(AddEventOptions.of("user", "x").expectedLastSequence()).isNull();
    }

    @Test
    @DisplayName("the constructors of before state still build the same requests and events")
    void olderConstructors() {
        assertThat(new CreateRequest(APP, USER, AGENT, "s", Map.of("k", 1)))
                .isEqualTo(new CreateRequest(APP, USER, AGENT, "s", Map.of("k", 1L), null));
        assertThat(new AddEventOptions("user", "c", null, null, null, null, null, null, null).stateDelta()).isEmpty();
        Event event = new Event("e", "s", 1, null, null, null, "user", "c", null, null, null, null, Instant.EPOCH);
        assertThat(event.stateDelta()).isEmpty();
    }
}
