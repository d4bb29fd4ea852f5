package dev.agentsession.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentsession.Action;
import dev.agentsession.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Values decoded on first use")
class LazyValuesTest {

    private static Map<String, Object> decodedObject(String key, Object value) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return JsonValues.adoptDecodedObject(map);
    }

    @Test
    @DisplayName("an event keeps lazy values undecoded until they are read, then decodes each once")
    void eventsDecodeOnFirstUse() {
        AtomicInteger decodes = new AtomicInteger();
        List<Action> actions = LazyList.of(() -> {
            decodes.incrementAndGet();
            return new ArrayList<>(List.of(Action.of("search", Map.of("q", "kyoto"), "ok")));
        });
        Map<String, Object> metadata = LazyObject.of(() -> {
            decodes.incrementAndGet();
            return decodedObject("model", "m1");
        });

        Event event = new Event("e1", "s1", 1, null, null, null, "agent", "hi", null, actions, List.of(), metadata,
                Instant.EPOCH, metadata);

        assertThat(decodes).as("nothing decoded by the constructor").hasValue(0);
        assertThat(event.actions()).isSameAs(actions);
        assertThat(event.metadata()).isSameAs(metadata);
        assertThat(event.actions()).extracting(Action::toolName).containsExactly("search");
        assertThat(event.metadata()).isEqualTo(Map.of("model", "m1"));
        assertThat(event.stateDelta()).containsEntry("model", "m1");
        assertThat(decodes).as("each decoded once").hasValue(2);
        assertThat(event).isEqualTo(new Event("e1", "s1", 1, null, null, null, "agent", "hi", null,
                List.of(Action.of("search", Map.of("q", "kyoto"), "ok")), List.of(), Map.of("model", "m1"),
                Instant.EPOCH, Map.of("model", "m1")));
    }

    @Test
    @DisplayName("lazy values cannot be changed")
    void unmodifiable() {
        List<String> list = LazyList.of(() -> new ArrayList<>(List.of("a")));
        Map<String, Object> map = LazyObject.of(() -> decodedObject("k", 1L));
        assertThatThrownBy(() -> list.add("b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.put("k", 2L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.entrySet().iterator().next().setValue(2L))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(list).containsExactly("a");
        assertThat(map).containsExactly(Map.entry("k", 1L));
    }

    @Test
    @DisplayName("a lazy object nested in a new value is decoded and checked like any other")
    void nestedLazyObjectsAreChecked() {
        Map<String, Object> stored = LazyObject.of(() -> decodedObject("k", "v"));
        Map<String, Object> copy = JsonValues.copyObject("metadata", Map.of("inner", stored));
        assertThat(copy).isEqualTo(Map.of("inner", Map.of("k", "v")));
        assertThat(copy.get("inner")).isNotInstanceOf(LazyObject.class);
    }

    @Test
    @DisplayName("a value that cannot be decoded fails when it is first read, with the decoder's error")
    void failuresSurfaceOnUse() {
        List<String> list = LazyList.of(() -> {
            throw new IllegalStateException("stored JSON cannot be read: unexpected end");
        });
        assertThatThrownBy(list::size).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stored JSON cannot be read");
    }
}
