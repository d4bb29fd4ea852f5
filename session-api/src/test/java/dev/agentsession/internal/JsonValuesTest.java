package dev.agentsession.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JSON values")
class JsonValuesTest {

    @Test
    @DisplayName("integral numbers become Long, all others Double, floats by their decimal form")
    void numberRule() {
        assertThat(JsonValues.copyValue("n", 5)).isEqualTo(5L);
        assertThat(JsonValues.copyValue("n", (short) 5)).isEqualTo(5L);
        assertThat(JsonValues.copyValue("n", (byte) 5)).isEqualTo(5L);
        assertThat(JsonValues.copyValue("n", BigInteger.valueOf(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
        assertThat(JsonValues.copyValue("n", 0.1f)).isEqualTo(0.1);
        assertThat(JsonValues.copyValue("n", new BigDecimal("10"))).isEqualTo(10.0);
        assertThat(JsonValues.copyValue("n", -0.0)).isEqualTo(0.0);
    }

    @Test
    @DisplayName("unsupported numbers are rejected with the path")
    void unsupportedNumbers() {
        assertThatThrownBy(() -> JsonValues.copyValue("x", new AtomicInteger(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("x is a java.util.concurrent.atomic.AtomicInteger");
        assertThatThrownBy(() -> JsonValues.copyValue("x", BigInteger.ONE.shiftLeft(63)))
                .hasMessageContaining("outside the range of a long");
        assertThatThrownBy(() -> JsonValues.copyValue("x", new BigDecimal("1e400")))
                .hasMessageContaining("must be finite");
    }

    @Test
    @DisplayName("copies are deep, unmodifiable, keep nulls and share nothing with the input")
    void deepCopy() {
        List<Object> list = new ArrayList<>(Arrays.asList(1, null, "x"));
        Map<String, Object> map = new HashMap<>();
        map.put("list", list);
        map.put("null", null);

        Map<String, Object> copy = JsonValues.copyObject("m", map);
        list.add("later");
        map.put("later", true);

        assertThat(copy).containsOnlyKeys("list", "null");
        assertThat(copy.get("list")).isEqualTo(Arrays.asList(1L, null, "x"));
        assertThatThrownBy(() -> copy.put("a", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> copiedList = (List<Object>) copy.get("list");
        assertThatThrownBy(() -> copiedList.set(0, 2L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("the same object twice is not a cycle")
    void sharedValueIsNotACycle() {
        List<Object> shared = List.of("x");
        Map<String, Object> copy = JsonValues.copyObject("m", Map.of("a", shared, "b", List.of(shared, shared)));
        assertThat(copy.get("b")).isEqualTo(List.of(List.of("x"), List.of("x")));
    }

    @Test
    @DisplayName("keys that are not identifiers are quoted in paths")
    void quotedKeyPaths() {
        assertThatThrownBy(() -> JsonValues.copyObject("metadata", Map.of("a b", Map.of("c", new Object()))))
                .hasMessageStartingWith("metadata[\"a b\"].c is a java.lang.Object");
    }

    @Test
    @DisplayName("nesting up to the limit is accepted, one level more is not")
    void depthLimit() {
        Object value = "leaf";
        for (int i = 0; i < dev.agentsession.Limits.MAX_JSON_DEPTH; i++) {
            value = List.of(value);
        }
        Object deepest = value;
        assertThat(JsonValues.copyValue("v", deepest)).isEqualTo(deepest);
        assertThatThrownBy(() -> JsonValues.copyValue("v", List.of(deepest)))
                .hasMessageContaining("nests deeper than " + dev.agentsession.Limits.MAX_JSON_DEPTH);
    }

    @Test
    @DisplayName("size is the compact JSON length in UTF-8 bytes")
    void size() {
        assertThat(JsonValues.jsonSize(JsonValues.copyObject("m", Map.of("k", List.of(1, "é", true)))))
                .isEqualTo("{\"k\":[1,\"é\",true]}".getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertThat(JsonValues.jsonSize(null)).isEqualTo(4);
        assertThat(JsonValues.jsonSize(Map.of())).isEqualTo(2);
    }

    @Test
    @DisplayName("a checked copy passes through again as it is, and cannot be changed")
    void copiesAreNotCopiedAgain() {
        Map<String, Object> copy = JsonValues.copyObject("m", Map.of("k", List.of(1, Map.of("x", 2))));
        assertThat(JsonValues.copyObject("m", copy)).isSameAs(copy);
        assertThat(JsonValues.copyValue("v", copy.get("k"))).isSameAs(copy.get("k"));
        assertThat(copy).isEqualTo(Map.of("k", List.of(1L, Map.of("x", 2L))));
        assertThatThrownBy(() -> copy.put("k", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.entrySet().iterator().next().setValue(1))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.keySet().clear()).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) copy.get("k");
        assertThatThrownBy(() -> list.set(0, 5L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> list.iterator().remove()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("a checked copy nested into something deeper still counts toward the depth limit")
    void copiesKeepTheirDepth() {
        Object value = "leaf";
        for (int i = 0; i < dev.agentsession.Limits.MAX_JSON_DEPTH; i++) {
            value = List.of(value);
        }
        Object deepest = JsonValues.copyValue("v", value);
        assertThat(JsonValues.copyValue("v", deepest)).isSameAs(deepest);
        assertThatThrownBy(() -> JsonValues.copyValue("v", List.of(deepest)))
                .hasMessageContaining("nests deeper than " + dev.agentsession.Limits.MAX_JSON_DEPTH);
    }

    @Test
    @DisplayName("a tree a store decoded is taken over as it is: numbers normalised, unmodifiable, not copied again")
    void decodedTreesAreAdopted() {
        java.util.LinkedHashMap<String, Object> inner = new java.util.LinkedHashMap<>();
        inner.put("n", 3);
        inner.put("d", new BigDecimal("1.5"));
        ArrayList<Object> array = new ArrayList<>(Arrays.asList("a", null, true, inner));
        java.util.LinkedHashMap<String, Object> decoded = new java.util.LinkedHashMap<>();
        decoded.put("z", array);
        decoded.put("a", 1);

        Map<String, Object> adopted = JsonValues.adoptDecodedObject(decoded);

        assertThat(adopted).isEqualTo(Map.of("z", Arrays.asList("a", null, true, Map.of("n", 3L, "d", 1.5)), "a", 1L));
        assertThat(adopted.keySet()).containsExactly("z", "a");
        assertThat(JsonValues.copyObject("metadata", adopted)).isSameAs(adopted);
        assertThatThrownBy(() -> adopted.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(JsonValues.adoptDecodedObject(null)).isEmpty();
        assertThatThrownBy(() -> JsonValues.adoptDecoded(new StringBuilder("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.StringBuilder");
    }
}
