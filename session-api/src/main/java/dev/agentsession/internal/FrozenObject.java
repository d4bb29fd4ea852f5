package dev.agentsession.internal;

import java.io.Serializable;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A JSON object that {@link JsonValues} has checked (or a store decoded from JSON it wrote) and
 * that nobody can change: it owns its entries, in insertion order, and hands out only read-only
 * views. Copying one again is therefore unnecessary, and {@link JsonValues} returns it as it is.
 */
final class FrozenObject extends AbstractMap<String, Object> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, Object> entries;
    private final int height;

    /** @param owned entries no one else holds a reference to, whose containers are frozen already */
    FrozenObject(LinkedHashMap<String, Object> owned) {
        this.entries = Collections.unmodifiableMap(owned);
        this.height = 1 + JsonValues.height(owned.values());
    }

    /** @return the levels of containers this object spans, itself included */
    int height() {
        return height;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return entries.entrySet();
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public Object get(Object key) {
        return entries.get(key);
    }
}
