package dev.agentsession.internal;

import dev.agentsession.Limits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks and copies JSON-shaped values: metadata, action input and action output.
 *
 * <p>A JSON value is {@code null}, a {@link String}, a {@link Boolean}, a {@link Number}, a
 * {@link List} of JSON values or a {@link Map} from {@code String} to JSON values, nested at most
 * {@link Limits#MAX_JSON_DEPTH} deep and without cycles. Anything else is rejected with an
 * {@link IllegalArgumentException} that names the path of the offending value, such as
 * {@code metadata.tags[2]}.
 *
 * <p><b>The number rule</b>, the same on every backend: integral numbers ({@code Byte},
 * {@code Short}, {@code Integer}, {@code Long}, and a {@code BigInteger} within the range of a
 * long) come back as {@link Long}; every other number ({@code Float}, {@code Double},
 * {@code BigDecimal}) comes back as {@link Double}. A {@code Float} becomes the double its
 * decimal form denotes ({@code 0.1f} becomes {@code 0.1}), and {@code -0.0} becomes {@code 0.0}
 * (JSON databases do not keep the sign of zero). NaN, infinities, a BigInteger outside
 * the long range and other {@code Number} types are rejected.
 *
 * <p>Copies are deep and unmodifiable, keep {@code null} values, and share nothing with the
 * caller's objects. Key order is not part of the contract: some databases reorder keys.
 */
public final class JsonValues {

    private JsonValues() {
    }

    /**
     * Copies a JSON object.
     *
     * @param path the field name reported in errors, such as {@code "metadata"}
     * @param map the object; {@code null} gives an empty map
     * @return an unmodifiable deep copy with numbers normalised
     */
    public static Map<String, Object> copyObject(String path, Map<?, ?> map) {
        if (map == null) {
            return Map.of();
        }
        return copyMap(new Path(null, path), map, 1, new ArrayList<>(4));
    }

    /**
     * Takes over a tree a store decoded from JSON it wrote itself (objects as {@link LinkedHashMap}s
     * with string keys, arrays as {@link ArrayList}s, text, numbers, booleans, nulls) without
     * copying it or checking its text again: only numbers are normalised, in place. What it
     * returns is unmodifiable and passes through {@link #copyObject} and {@link #copyValue}
     * uncopied, so an event read back is not copied a second time by its constructor.
     *
     * @param decoded the decoded tree, which the caller must not use or change afterwards
     * @return the same tree, frozen; {@code null} for {@code null}
     * @throws IllegalArgumentException if it holds something a JSON decoder does not make
     */
    @SuppressWarnings("unchecked")
    public static Object adoptDecoded(Object decoded) {
        if (decoded instanceof LinkedHashMap<?, ?> map) {
            for (Map.Entry<String, Object> entry : ((LinkedHashMap<String, Object>) map).entrySet()) {
                entry.setValue(adoptDecoded(entry.getValue()));
            }
            return new FrozenObject((LinkedHashMap<String, Object>) map);
        }
        if (decoded instanceof ArrayList<?> list) {
            ArrayList<Object> elements = (ArrayList<Object>) list;
            elements.replaceAll(JsonValues::adoptDecoded);
            return new FrozenArray(elements);
        }
        if (decoded instanceof Number n) {
            return normalise(new Path(null, "decoded JSON"), n);
        }
        if (decoded == null || decoded instanceof String || decoded instanceof Boolean) {
            return decoded;
        }
        throw new IllegalArgumentException("decoded JSON holds a " + decoded.getClass().getName());
    }

    /**
     * {@link #adoptDecoded} for a decoded JSON object.
     *
     * @param decoded the decoded object, or {@code null}
     * @return the same object, frozen; an empty map for {@code null}
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> adoptDecodedObject(Map<String, Object> decoded) {
        return decoded == null ? Map.of() : (Map<String, Object>) adoptDecoded(decoded);
    }

    /**
     * Copies any JSON value.
     *
     * @param path the field name reported in errors, such as {@code "actions[0].output"}
     * @param value the value, which may be {@code null}
     * @return an unmodifiable deep copy with numbers normalised
     */
    public static Object copyValue(String path, Object value) {
        return copy(new Path(null, path), value, 0, new ArrayList<>(4));
    }

    /**
     * Measures a value already copied by this class as compact JSON, in UTF-8 bytes, without
     * counting escape characters. Used to enforce the size limits before anything is sent.
     */
    public static long jsonSize(Object value) {
        if (value == null) {
            return 4;
        }
        if (value instanceof String s) {
            return InputRules.utf8Length("value", s) + 2;
        }
        if (value instanceof Map<?, ?> map) {
            long size = 2 + Math.max(0, map.size() - 1);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                size += jsonSize(e.getKey()) + 1 + jsonSize(e.getValue());
            }
            return size;
        }
        if (value instanceof List<?> list) {
            long size = 2 + Math.max(0, list.size() - 1);
            for (Object element : list) {
                size += jsonSize(element);
            }
            return size;
        }
        return value.toString().length();
    }

    /**
     * Where a value sits, as a chain of keys and indexes; the text (such as
     * {@code metadata.tags[2]}) is built only for an error message.
     */
    private record Path(Path parent, Object step) {
        @Override
        public String toString() {
            if (parent == null) {
                return String.valueOf(step);
            }
            if (step instanceof Integer index) {
                return parent + "[" + index + "]";
            }
            return parent + keyPath((String) step);
        }
    }

    private static Object copy(Path path, Object value, int depth, List<Object> open) {
        if (value == null || value instanceof Boolean) {
            return value;
        }
        if (value instanceof String s) {
            checkText(path, s);
            return s;
        }
        if (value instanceof Number n) {
            return normalise(path, n);
        }
        if (value instanceof Map<?, ?> map) {
            return copyMap(path, map, depth + 1, open);
        }
        if (value instanceof List<?> list) {
            return copyList(path, list, depth + 1, open);
        }
        throw new IllegalArgumentException(path + " is a " + value.getClass().getName()
                + ", not a JSON value (String, Number, Boolean, null, List or Map)");
    }

    private static void checkText(Object path, String text) {
        if (InputRules.firstUnstorable(text) >= 0) {
            InputRules.utf8Length(path.toString(), text);  // throws, naming the path
        }
    }

    private static Map<String, Object> copyMap(Path path, Map<?, ?> map, int depth, List<Object> open) {
        if (map instanceof LazyObject lazy) {
            if (depth == 1) {
                return lazy;  // a stored object, at the level it was stored from: still valid there
            }
            map = lazy.decoded();
        }
        if (map instanceof FrozenObject frozen && depth + frozen.height() - 1 <= Limits.MAX_JSON_DEPTH) {
            return frozen;  // checked when it was made, and nobody can change it
        }
        enter(path, map, depth, open);
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            Object key = entry.getKey();
            if (!(key instanceof String name)) {
                throw new IllegalArgumentException(path + " has a key of type "
                        + (key == null ? "null" : key.getClass().getName())
                        + "; JSON object keys must be strings");
            }
            Path child = new Path(path, name);
            if (InputRules.firstUnstorable(name) >= 0) {
                InputRules.utf8Length(child + " (the key)", name);
            }
            copy.put(name, copy(child, entry.getValue(), depth, open));
        }
        open.remove(open.size() - 1);
        return new FrozenObject(copy);
    }

    private static List<Object> copyList(Path path, List<?> list, int depth, List<Object> open) {
        if (list instanceof FrozenArray frozen && depth + frozen.height() - 1 <= Limits.MAX_JSON_DEPTH) {
            return frozen;
        }
        enter(path, list, depth, open);
        ArrayList<Object> copy = new ArrayList<>(list.size());
        int index = 0;
        for (Object element : list) {
            copy.add(copy(new Path(path, index), element, depth, open));
            index++;
        }
        open.remove(open.size() - 1);
        return new FrozenArray(copy);
    }

    /** @return the most levels of containers among frozen values (text, numbers and the like count 0) */
    static int height(Iterable<Object> values) {
        int highest = 0;
        for (Object value : values) {
            if (value instanceof FrozenObject object) {
                highest = Math.max(highest, object.height());
            } else if (value instanceof FrozenArray array) {
                highest = Math.max(highest, array.height());
            }
        }
        return highest;
    }

    /** Tracks the containers on the way down: a tree is at most MAX_JSON_DEPTH deep, so a scan is cheap. */
    private static void enter(Path path, Object container, int depth, List<Object> open) {
        if (depth > Limits.MAX_JSON_DEPTH) {
            throw new IllegalArgumentException(path + " nests deeper than "
                    + Limits.MAX_JSON_DEPTH + " levels");
        }
        for (Object ancestor : open) {
            if (ancestor == container) {
                throw new IllegalArgumentException(path + " contains itself (a cycle); JSON values"
                        + " must be trees");
            }
        }
        open.add(container);
    }

    private static Object normalise(Path path, Number n) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n instanceof Float f ? Double.parseDouble(Float.toString(f)) : n.doubleValue();
            return finite(path, d);
        }
        if (n instanceof BigInteger big) {
            if (big.bitLength() > 63) {
                throw new IllegalArgumentException(path + " is " + big
                        + ", outside the range of a long");
            }
            return big.longValue();
        }
        if (n instanceof BigDecimal decimal) {
            return finite(path, decimal.doubleValue());
        }
        throw new IllegalArgumentException(path + " is a " + n.getClass().getName()
                + "; JSON numbers must be Byte, Short, Integer, Long, BigInteger, Float, Double"
                + " or BigDecimal");
    }

    private static Double finite(Path path, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException(path + " is " + d + "; JSON numbers must be finite");
        }
        return d == 0.0 ? 0.0 : d;  // -0.0 == 0.0, and becomes 0.0
    }

    private static String keyPath(String key) {
        boolean plain = !key.isEmpty() && Character.isJavaIdentifierStart(key.charAt(0))
                && key.chars().allMatch(Character::isJavaIdentifierPart);
        return plain ? "." + key : "[\"" + key + "\"]";
    }
}
