package dev.agentsession.internal;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An unmodifiable JSON object a store decodes on first use, for what it read but the caller may
 * never look at (an event's metadata or state delta). Safe to share between threads: each may
 * decode once, and all see equal maps. {@link JsonValues} passes one through uncopied where it
 * stands at the top of a value, as it was stored. A value that cannot be decoded fails on first
 * use, with the decoder's exception.
 */
public final class LazyObject extends AbstractMap<String, Object> {

    private final Supplier<Map<String, Object>> decoder;
    private volatile Map<String, Object> decoded;

    private LazyObject(Supplier<Map<String, Object>> decoder) {
        this.decoder = decoder;
    }

    /**
     * @param decoder makes the object when it is first used: a tree from
     *     {@link JsonValues#adoptDecodedObject}, of JSON this store wrote
     * @return the lazy object
     */
    public static Map<String, Object> of(Supplier<Map<String, Object>> decoder) {
        return new LazyObject(decoder);
    }

    /** @return the decoded object, decoding it now if no one has */
    Map<String, Object> decoded() {
        Map<String, Object> map = decoded;
        if (map == null) {
            map = decoder.get();
            decoded = map;
        }
        return map;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return decoded().entrySet();
    }

    @Override
    public int size() {
        return decoded().size();
    }

    @Override
    public boolean containsKey(Object key) {
        return decoded().containsKey(key);
    }

    @Override
    public Object get(Object key) {
        return decoded().get(key);
    }
}
