package dev.agentsession.sql.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jooq.JSONB;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("stored JSON values read back")
class JsonCodecTest {

    /** The value the parser gives for a JSON text, read as a member of an object. */
    private static Object parsed(String text) {
        return JsonCodec.readObject(JSONB.valueOf("{\"v\":" + text + "}")).get("v");
    }

    @Test
    @DisplayName("a simple value read without the parser equals what the parser gives, type and all")
    void simpleValuesAsTheParserReadsThem() {
        List<String> texts = List.of("\"plain\"", "\"\"", "\"ünïcödé 😀\"", "\"a \\\"quoted\\\" word\"",
                "\"tab\\tand\\\\slash\"", "\"\\u00e9\"", "true", "false", "0", "-0", "7", "-42",
                "123456789012345678", "-123456789012345678", "1234567890123456789",
                "1.5", "-2.0", "1e3", "{\"a\":[1,\"b\",true]}", "[1,2]", "null");
        for (String text : texts) {
            Object read = JsonCodec.readValue(JSONB.valueOf(text));
            Object expected = parsed(text);
            assertThat(read).as(text).isEqualTo(expected);
            assertThat(read == null ? null : read.getClass()).as("type of " + text)
                    .isEqualTo(expected == null ? null : expected.getClass());
        }
    }

    @Test
    @DisplayName("only strings without escapes, booleans and integers of up to 18 digits skip the parser")
    void whatSkipsTheParser() {
        assertThat(JsonCodec.simpleValue("\"plain\"")).isEqualTo("plain");
        assertThat(JsonCodec.simpleValue("-123456789012345678")).isEqualTo(-123456789012345678L);
        assertThat(JsonCodec.simpleValue("true")).isEqualTo(true);
        for (String needsParser : List.of("\"a\\\"b\"", "1234567890123456789", "01", "-", "1.5", " 1", "\"x", "null",
                "{}", "[]", "")) {
            assertThat(JsonCodec.simpleValue(needsParser)).as(needsParser).isNull();
        }
    }
}
