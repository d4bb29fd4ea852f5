package dev.agentsession.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentsession.CreateRequest;
import dev.agentsession.Session;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Session metadata: JSON values round-trip by the number rule.
 */
abstract class MetadataCases extends ConformanceCases {

    MetadataCases(SessionServiceConformance kit) {
        super(kit);
    }

    @Test
    @DisplayName("nested maps and lists, numbers, booleans, nulls, emoji and CJK round-trip")
    void richMetadataRoundTrips() {
        Session created = service.create(CreateRequest.builder(APP, USER, AGENT)
                .metadata(richMetadata()).build());

        assertThat(created.metadata()).isEqualTo(richMetadata());
        assertThat(reread(created).metadata()).isEqualTo(richMetadata());
    }

    @Test
    @DisplayName("integral numbers come back as Long and the others as Double")
    void numbersFollowTheRule() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("int", 7);
        given.put("short", (short) 3);
        given.put("byte", (byte) -2);
        given.put("bigInteger", BigInteger.valueOf(123_456_789_012L));
        given.put("float", 0.1f);
        given.put("bigDecimal", new BigDecimal("2.50"));
        given.put("wholeBigDecimal", new BigDecimal("4"));
        given.put("negativeZero", -0.0);
        Session created = service.create(CreateRequest.builder(APP, USER, AGENT).metadata(given).build());

        Map<String, Object> expected = Map.of("int", 7L, "short", 3L, "byte", -2L,
                "bigInteger", 123_456_789_012L, "float", 0.1, "bigDecimal", 2.5,
                "wholeBigDecimal", 4.0, "negativeZero", 0.0);
        assertThat(created.metadata()).isEqualTo(expected);
        assertThat(reread(created).metadata()).isEqualTo(expected);
    }

    @Test
    @DisplayName("null metadata reads back as an empty map")
    void nullMetadataIsEmpty() {
        Session created = newSession();
        assertThat(created.metadata()).isEmpty();
        assertThat(reread(created).metadata()).isNotNull().isEmpty();
    }

    @Test
    @DisplayName("the returned metadata is unmodifiable, nested values too")
    void metadataIsUnmodifiable() {
        Session created = service.create(CreateRequest.builder(APP, USER, AGENT)
                .metadata(richMetadata()).build());
        for (Session session : List.of(created, reread(created))) {
            Map<String, Object> metadata = session.metadata();
            assertThatThrownBy(() -> metadata.put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
            @SuppressWarnings("unchecked")
            List<Object> tags = (List<Object>) metadata.get("tags");
            assertThatThrownBy(() -> tags.add("d")).isInstanceOf(UnsupportedOperationException.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> nested = (Map<String, Object>) metadata.get("nested");
            assertThatThrownBy(() -> nested.clear()).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    @DisplayName("changing the caller's map after create changes nothing stored")
    void callerMapIsCopied() {
        Map<String, Object> metadata = new HashMap<>();
        List<Object> tags = new ArrayList<>(List.of("a"));
        metadata.put("tags", tags);
        Session created = service.create(CreateRequest.builder(APP, USER, AGENT).metadata(metadata).build());

        metadata.put("added", true);
        tags.add("b");

        assertThat(created.metadata()).isEqualTo(Map.of("tags", List.of("a")));
        assertThat(reread(created).metadata()).isEqualTo(Map.of("tags", List.of("a")));
    }
}
