package dev.agentsession.conformance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.Limits;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The size limits at their edges, measured as {@link Limits} defines them (compact JSON, in UTF-8
 * bytes) with characters of two, three and four bytes: just under is kept and reads back whole,
 * just over is refused with the same size in the message on every backend, and nothing of a
 * refused call is written. A tier is filled by two deltas, so the store, not the request's own
 * check, measures the tier as it stands.
 */
abstract class SizeLimitCases extends ConformanceCases {

    /** Characters of 2, 3 and 4 bytes in UTF-8. */
    private static final List<String> WIDE = List.of("é", "€", "😀");

    /**
     * A tier of two keys {@code "a"} and {@code "b"} with text values is {@code {"a":"…","b":"…"}}:
     * the values' bytes and 15 more.
     */
    private static final long TWO_KEYS = 15;

    /** The tiers, by the prefix of their keys, with the name messages give them. */
    private static final Map<String, String> TIERS = Map.of("", "session", "app:", "app", "user:", "user");

    SizeLimitCases(SessionServiceConformance kit) {
        super(kit);
    }

    /** @return a text of exactly {@code bytes} UTF-8 bytes: {@code wide} characters, then ASCII for the rest */
    static String text(String wide, long bytes) {
        int width = wide.getBytes(UTF_8).length;
        return wide.repeat((int) (bytes / width)) + "x".repeat((int) (bytes % width));
    }

    private static AddEventOptions delta(String key, Object value) {
        return AddEventOptions.builder("agent").stateDelta(Map.of(key, value)).build();
    }

    @Test
    @DisplayName("each tier filled to exactly its limit in bytes is kept; one byte more is refused, naming its size")
    void tiersAtTheLimit() {
        int app = 0;
        for (Map.Entry<String, String> tier : TIERS.entrySet()) {
            for (String wide : WIDE) {
                String prefix = tier.getKey();
                // an app of its own, so the app and user tiers start empty
                Session session = service.create(CreateRequest.of("limits-" + app++, USER, AGENT));
                long first = Limits.MAX_STATE_TIER_BYTES / 2 + 1;
                session.addEvent(delta(prefix + "a", text(wide, first)));
                long room = Limits.MAX_STATE_TIER_BYTES - TWO_KEYS - first;

                assertThatThrownBy(() -> session.addEvent(delta(prefix + "b", text(wide, room + 1))))
                        .as("%s tier, %s", tier.getValue(), wide)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("stateDelta makes the " + tier.getValue() + " state "
                                + (Limits.MAX_STATE_TIER_BYTES + 1) + " bytes");
                Session unchanged = reread(session);
                assertThat(unchanged.lastSequence()).as("%s tier, %s", tier.getValue(), wide).isEqualTo(1);
                assertThat(unchanged.state()).containsOnlyKeys(prefix + "a");

                session.addEvent(delta(prefix + "b", text(wide, room)));
                Session full = reread(session);
                assertThat(full.lastSequence()).as("%s tier, %s", tier.getValue(), wide).isEqualTo(2);
                assertThat(full.state()).containsEntry(prefix + "a", text(wide, first))
                        .containsEntry(prefix + "b", text(wide, room));
            }
        }
    }

    @Test
    @DisplayName("a tier at its limit takes a value of the same size in place of another, in bytes, not characters")
    void replacingAtTheLimit() {
        Session session = newSession();
        long first = Limits.MAX_STATE_TIER_BYTES / 2;
        long room = Limits.MAX_STATE_TIER_BYTES - TWO_KEYS - first;
        session.addEvent(AddEventOptions.builder("agent").stateDelta(Map.of("app:a", text("é", first),
                "app:b", text("é", room))).build());

        // as many bytes in fewer characters: the same size
        session.addEvent(delta("app:b", text("😀", room)));
        assertThat(service.appState(APP)).containsEntry("b", text("😀", room));
        // as many characters in more bytes: over the limit
        String moreBytes = "€".repeat(text("😀", room).length());
        assertThatThrownBy(() -> session.addEvent(delta("app:b", moreBytes)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("app state");
        assertThat(service.appState(APP)).containsEntry("b", text("😀", room));
        assertThat(reread(session).lastSequence()).isEqualTo(2);
    }

    @Test
    @DisplayName("initial state that would take a shared tier over its limit refuses the create: no session is made")
    void createOverTheLimit() {
        for (String wide : WIDE) {
            String app = "create-limits-" + wide.codePointAt(0);
            Session writer = service.create(CreateRequest.of(app, USER, AGENT));
            long first = Limits.MAX_STATE_TIER_BYTES / 2 + 3;
            writer.addEvent(delta("user:a", text(wide, first)));
            long room = Limits.MAX_STATE_TIER_BYTES - TWO_KEYS - first;

            assertThatThrownBy(() -> service.create(CreateRequest.builder(app, USER, AGENT).sessionId("late")
                    .state(Map.of("user:b", text(wide, room + 1))).build()))
                    .as(wide)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("state makes the user state " + (Limits.MAX_STATE_TIER_BYTES + 1) + " bytes");
            assertThat(service.get(new GetRequest(app, USER, "late"))).as(wide).isEmpty();
            assertThat(service.userState(app, USER)).containsOnlyKeys("a");

            Session late = service.create(CreateRequest.builder(app, USER, AGENT).sessionId("late")
                    .state(Map.of("user:b", text(wide, room))).build());
            assertThat(reread(late).state()).containsEntry("user:b", text(wide, room));
        }
    }

    @Test
    @DisplayName("session metadata of exactly its limit in bytes is kept whole; one byte more is refused")
    void sessionMetadataAtTheLimit() {
        // {"m":"…"}: the value's bytes and 8 more
        long room = Limits.MAX_SESSION_METADATA_BYTES - 8;
        for (String wide : WIDE) {
            Session created = service.create(CreateRequest.builder(APP, USER, AGENT).sessionId("meta-" + wide.length()
                    + "-" + wide.codePointAt(0)).metadata(Map.of("m", text(wide, room))).build());
            assertThat(reread(created).metadata()).as(wide).isEqualTo(Map.of("m", text(wide, room)));
            assertThatThrownBy(() -> CreateRequest.builder(APP, USER, AGENT)
                    .metadata(Map.of("m", text(wide, room + 1))).build())
                    .as(wide)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("metadata is " + (Limits.MAX_SESSION_METADATA_BYTES + 1) + " bytes");
        }
        assertThat(service.list(ListRequest.all(APP, USER))).hasSize(WIDE.size());
    }

    @Test
    @DisplayName("an event whose metadata brings it to exactly its limit in bytes is kept whole; one byte more is refused")
    void eventMetadataAtTheLimit() {
        Session session = newSession();
        // no content, no actions: [] for the tool ids, {} for the delta, {"m":"…"} for the metadata
        long room = Limits.MAX_EVENT_BYTES - 2 - 2 - 8;
        String mixed = text("é€😀", room);
        Event event = session.addEvent(AddEventOptions.builder("agent").metadata(Map.of("m", mixed)).build());

        assertThat(event.metadata()).isEqualTo(Map.of("m", mixed));
        assertThat(session.events(EventsOptions.all())).singleElement()
                .satisfies(read -> assertThat(read.metadata()).isEqualTo(Map.of("m", mixed)));
        assertThatThrownBy(() -> AddEventOptions.builder("agent").metadata(Map.of("m", text("é€😀", room + 1))).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payload is " + (Limits.MAX_EVENT_BYTES + 1) + " bytes");
    }
}
