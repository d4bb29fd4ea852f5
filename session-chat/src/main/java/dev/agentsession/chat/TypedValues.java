package dev.agentsession.chat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metadata as JSON that reads back with its Java types. The store keeps JSON, where an
 * {@code Integer} comes back as a {@code Long} and an enum as a string; Spring AI compares
 * metadata with {@code equals}, so such values are wrapped as
 * {@code {"$type": "<type>", "value": <json>}} and unwrapped on reading. Strings, booleans,
 * {@code Long}, {@code Double}, lists and maps need no wrapper; a map that itself has a
 * {@code "$type"} key is wrapped as {@code "Map"}. A value of any other type is kept as its
 * {@code toString()} under the type {@code "Text"} and reads back as that string.
 */
public final class TypedValues {

    private static final String TYPE = "$type";
    private static final String VALUE = "value";

    private TypedValues() {
    }

    /** @return {@code value} as JSON data, with the types JSON loses written down */
    public static Object write(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return typed(value.getClass().getSimpleName(), ((Number) value).longValue());
        }
        if (value instanceof Float f) {
            return typed("Float", Float.toString(f));
        }
        if (value instanceof BigInteger || value instanceof BigDecimal) {
            return typed(value.getClass().getSimpleName(), value.toString());
        }
        if (value instanceof Enum<?> e) {
            return typed("Enum", Map.of("class", e.getDeclaringClass().getName(), "name", e.name()));
        }
        if (value instanceof List<?> list) {
            List<Object> written = new ArrayList<>(list.size());
            list.forEach(item -> written.add(write(item)));
            return written;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> written = new LinkedHashMap<>();
            map.forEach((key, item) -> written.put(String.valueOf(key), write(item)));
            return map.containsKey(TYPE) ? typed("Map", written) : written;
        }
        return typed("Text", value.toString());
    }

    /** @return the value {@link #write} was given (or its text, for a type it does not know) */
    public static Object read(Object value) {
        if (value instanceof List<?> list) {
            List<Object> read = new ArrayList<>(list.size());
            list.forEach(item -> read.add(read(item)));
            return read;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        if (map.size() == 2 && map.get(TYPE) instanceof String type && map.containsKey(VALUE)) {
            return readTyped(type, map.get(VALUE));
        }
        Map<String, Object> read = new LinkedHashMap<>();
        map.forEach((key, item) -> read.put((String) key, read(item)));
        return read;
    }

    private static Object readTyped(String type, Object value) {
        return switch (type) {
            case "Integer" -> ((Number) value).intValue();
            case "Short" -> ((Number) value).shortValue();
            case "Byte" -> ((Number) value).byteValue();
            case "Float" -> Float.valueOf((String) value);
            case "BigInteger" -> new BigInteger((String) value);
            case "BigDecimal" -> new BigDecimal((String) value);
            case "Enum" -> readEnum((Map<?, ?>) value);
            case "Map" -> {
                Map<String, Object> read = new LinkedHashMap<>();
                ((Map<?, ?>) value).forEach((key, item) -> read.put((String) key, read(item)));
                yield read;
            }
            default -> value;
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object readEnum(Map<?, ?> value) {
        String className = (String) value.get("class");
        String name = (String) value.get("name");
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> type = Class.forName(className, false, loader != null ? loader : TypedValues.class.getClassLoader());
            return Enum.valueOf((Class<? extends Enum>) type.asSubclass(Enum.class), name);
        } catch (ClassNotFoundException | IllegalArgumentException | ClassCastException e) {
            return name;
        }
    }

    private static Map<String, Object> typed(String type, Object value) {
        Map<String, Object> typed = new LinkedHashMap<>();
        typed.put(TYPE, type);
        typed.put(VALUE, value);
        return typed;
    }
}
