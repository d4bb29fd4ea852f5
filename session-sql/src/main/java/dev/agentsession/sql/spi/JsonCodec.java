package dev.agentsession.sql.spi;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.agentsession.Action;
import dev.agentsession.SessionStoreException;
import dev.agentsession.internal.JsonValues;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.JSONB;

/**
 * Encodes the JSON columns and decodes them back so that values follow the number rule of
 * {@link dev.agentsession.internal.JsonValues} on every database.
 *
 * <p>Doubles are written in plain decimal notation with a fraction ({@code 1.0E10} as
 * {@code 10000000000.0}): PostgreSQL's {@code jsonb} keeps a number's scale but not its notation,
 * so {@code 1.0E10} would come back as the integer {@code 10000000000}. Empty lists and maps are
 * stored as SQL {@code NULL} and read back empty.
 */
public final class JsonCodec {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    private static final TypeReference<List<Object>> ARRAY = new TypeReference<>() { };

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .addModule(new SimpleModule("agent-session-numbers").addSerializer(Double.class, new PlainDouble()))
            .build();

    /** Readers made once: a mapper looks its deserializer up again on every readValue. */
    private static final ObjectReader OBJECT_READER = MAPPER.readerFor(OBJECT);
    private static final ObjectReader ARRAY_READER = MAPPER.readerFor(ARRAY);
    private static final ObjectReader VALUE_READER = MAPPER.readerFor(Object.class);

    private JsonCodec() {
    }

    public static JSONB object(Map<String, Object> map) {
        return map.isEmpty() ? null : write(map);
    }

    /** Encodes one JSON value, never SQL NULL: a state value is a row, and JSON {@code null} is none. */
    public static JSONB value(Object value) {
        return write(value);
    }

    /**
     * Reads one stored JSON value as {@link #readObject} reads an object. The values state holds
     * most often (a string without escapes, {@code true}, {@code false}, an integer of up to 18
     * digits) are read without the parser, to the same Java values it gives.
     */
    public static Object readValue(JSONB json) {
        if (json == null) {
            return null;
        }
        Object simple = simpleValue(json.data());
        return simple != null ? simple : JsonValues.adoptDecoded(read(json, VALUE_READER));
    }

    /** @return the value of a simple JSON text, or null if the text needs the parser */
    public static Object simpleValue(String text) {
        int length = text.length();
        if (length >= 2 && text.charAt(0) == '"' && text.charAt(length - 1) == '"') {
            for (int i = 1; i < length - 1; i++) {
                char c = text.charAt(i);
                if (c == '\\' || c == '"' || c < 0x20) {
                    return null;
                }
            }
            return text.substring(1, length - 1);
        }
        if (text.equals("true")) {
            return Boolean.TRUE;
        }
        if (text.equals("false")) {
            return Boolean.FALSE;
        }
        int start = length > 1 && text.charAt(0) == '-' ? 1 : 0;
        int digits = length - start;
        if (digits < 1 || digits > 18 || digits > 1 && text.charAt(start) == '0') {
            return null;
        }
        for (int i = start; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return Long.parseLong(text);
    }

    public static JSONB list(List<?> list) {
        return list.isEmpty() ? null : write(list);
    }

    public static JSONB actions(List<Action> actions) {
        if (actions.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> rows = new ArrayList<>(actions.size());
        for (Action action : actions) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("toolName", action.toolName());
            row.put("input", action.input());
            row.put("output", action.output());
            rows.add(row);
        }
        return write(rows);
    }

    /**
     * Reads a stored object as an unmodifiable tree that follows the number rule, taken over from
     * the decoder as it is ({@link JsonValues#adoptDecoded}): the JSON was written by this store,
     * so its text is not checked again, and a record's constructor does not copy it again.
     */
    public static Map<String, Object> readObject(JSONB json) {
        return json == null ? Map.of() : JsonValues.adoptDecodedObject(read(json, OBJECT_READER));
    }

    @SuppressWarnings("unchecked")
    public static List<String> readStrings(JSONB json) {
        return json == null ? List.of() : (List<String>) (List<?>) read(json, ARRAY_READER);
    }

    @SuppressWarnings("unchecked")
    public static List<Action> readActions(JSONB json) {
        if (json == null) {
            return List.of();
        }
        List<Object> rows = (List<Object>) JsonValues.adoptDecoded(read(json, ARRAY_READER));
        List<Action> actions = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Map<String, Object> fields = (Map<String, Object>) row;
            actions.add(new Action((String) fields.get("toolName"),
                    (Map<String, Object>) fields.get("input"), fields.get("output")));
        }
        return actions;
    }

    private static JSONB write(Object value) {
        try {
            return JSONB.valueOf(MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new SessionStoreException("cannot encode a value as JSON", e);
        }
    }

    private static <T> T read(JSONB json, ObjectReader reader) {
        try {
            return reader.readValue(json.data());
        } catch (JsonProcessingException e) {
            throw new SessionStoreException("stored JSON cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes a double as a plain decimal that always has a fraction. */
    private static final class PlainDouble extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            String plain = BigDecimal.valueOf(value).toPlainString();
            generator.writeNumber(plain.indexOf('.') < 0 ? plain + ".0" : plain);
        }
    }
}
