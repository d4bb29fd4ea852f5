package dev.agentsession.adk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.adk.JsonBaseModel;
import com.google.adk.sessions.State;
import java.math.BigInteger;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Moves values between ADK and the store through ADK's own JSON mapper, so a value reads back
 * the way ADK reads any JSON it persisted: objects as maps, whole numbers as {@code Integer}
 * where they fit and {@code Long} otherwise, fractions as {@code Double}.
 */
final class AdkJson {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private AdkJson() {
    }

    static ObjectMapper mapper() {
        return JsonBaseModel.getMapper();
    }

    /** @return {@code value} as plain JSON data (maps, lists, strings, numbers, booleans, null) */
    static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        try {
            return mapper().readValue(mapper().writeValueAsString(value), Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a state value of type " + value.getClass().getName()
                    + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** @return {@code value} (a map or any object ADK's mapper writes as one) as a plain JSON object */
    static Map<String, Object> plainObject(Object value) {
        try {
            return mapper().readValue(mapper().writeValueAsString(value), OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ADK's mapper could not write " + value.getClass().getName()
                    + " as a JSON object", e);
        }
    }

    /**
     * A state delta as the store takes it: {@link State#REMOVED} becomes {@code null}, every other
     * value plain JSON data. {@code temp:} keys are left out before anything is written as JSON:
     * a {@code temp:} value is for the invocation (a request context, a client) and may be any
     * object, as in ADK's own services, which never serialise state; it is never validated and
     * never counts toward a limit.
     */
    static Map<String, Object> deltaToStore(Map<String, Object> delta) {
        Map<String, Object> stored = new LinkedHashMap<>();
        delta.forEach((key, value) -> {
            if (!key.startsWith(State.TEMP_PREFIX)) {
                stored.put(key, value == State.REMOVED ? null : plain(value));
            }
        });
        return stored;
    }


    /** A state map as ADK holds it: mutable, and with values read the ADK way. */
    static Map<String, Object> stateFromStore(Map<String, Object> state) {
        Map<String, Object> values = state.isEmpty() ? Map.of() : plainObject(state);
        return new ConcurrentHashMap<>(values);
    }

    /**
     * Stored JSON data (maps, lists, strings, numbers, booleans, null) as a tree that ADK's mapper
     * binds exactly as it binds the same data read from JSON text: a whole number is an
     * {@code int} node where it fits, else a {@code long} node, else a big-integer node, as
     * Jackson's parser reports it; any other number a {@code double} node; bytes a base64 text node.
     * Saves writing the data as text to parse it again.
     */
    static JsonNode tree(Object value) {
        JsonNodeFactory nodes = mapper().getNodeFactory();
        if (value == null) {
            return nodes.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = nodes.objectNode();
            map.forEach((key, item) -> object.set(String.valueOf(key), tree(item)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = nodes.arrayNode(list.size());
            list.forEach(item -> array.add(tree(item)));
            return array;
        }
        if (value instanceof String text) {
            return nodes.textNode(text);
        }
        if (value instanceof Boolean flag) {
            return nodes.booleanNode(flag);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            long number = ((Number) value).longValue();
            return number == (int) number ? nodes.numberNode((int) number) : nodes.numberNode(number);
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 32 ? nodes.numberNode(big.intValue())
                    : big.bitLength() < 64 ? nodes.numberNode(big.longValue()) : nodes.numberNode(big);
        }
        if (value instanceof Number number) {
            return nodes.numberNode(number.doubleValue());
        }
        if (value instanceof byte[] bytes) {
            return nodes.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        return mapper().valueToTree(value);
    }
}
