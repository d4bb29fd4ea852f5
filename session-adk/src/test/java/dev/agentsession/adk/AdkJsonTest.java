package dev.agentsession.adk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("stored JSON data as ADK's mapper reads it")
class AdkJsonTest {

    @Test
    @DisplayName("a value bound from the tree equals the same value bound from its JSON text, type for type")
    void treeBindsAsText() throws Exception {
        List<Object> values = Arrays.asList(7, 7L, 9_000_000_000L, new BigInteger("123"), new BigInteger("9000000000"),
                new BigInteger("99999999999999999999999"), 1.5, 1.5f, new BigDecimal("2.25"), (short) 3, (byte) 4,
                "text", true, null, List.of(1, "a"), Map.of("n", 5L), new byte[] {0, 1, (byte) 255});
        for (Object value : values) {
            JsonNode tree = AdkJson.tree(value);
            Object fromTree = AdkJson.mapper().treeToValue(tree, Object.class);
            Object fromText = AdkJson.mapper().readValue(AdkJson.mapper().writeValueAsString(value), Object.class);
            assertThat(fromTree).as("%s", value).isEqualTo(fromText);
            if (fromText != null) {
                assertThat(fromTree).as("%s", value).isInstanceOf(fromText.getClass());
            }
        }
    }
}
