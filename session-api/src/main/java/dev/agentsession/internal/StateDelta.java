package dev.agentsession.internal;

import dev.agentsession.Limits;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A state delta split by scope: the keys of the session itself, of the app ({@code app:}), of the
 * user ({@code user:}); {@code temp:} keys are dropped. Keys in each tier are without their prefix
 * and sorted, so every store takes the tiers' row locks in one order. A {@code null} value removes
 * the key.
 *
 * @param session the session's own keys
 * @param app the app tier's keys, without {@code app:}
 * @param user the user tier's keys, without {@code user:}
 */
public record StateDelta(Map<String, Object> session, Map<String, Object> app, Map<String, Object> user) {

    /** The prefix of the app tier's keys. */
    public static final String APP = "app:";
    /** The prefix of the user tier's keys. */
    public static final String USER = "user:";
    /** The prefix of keys that are never stored. */
    public static final String TEMP = "temp:";

    /** No change. */
    public static final StateDelta EMPTY = new StateDelta(Map.of(), Map.of(), Map.of());

    /**
     * Checks and copies a delta as given by a caller.
     *
     * @param field the field reported in errors, such as {@code "stateDelta"}
     * @param delta keys with their scope prefix; values JSON, {@code null} to remove; may be null
     * @return an unmodifiable deep copy that keeps {@code null} values and the {@code temp:} keys
     * @throws IllegalArgumentException naming the key, for a key that breaks the name rules or is
     *     a bare prefix, a value that is not JSON, or a tier over {@link Limits#MAX_STATE_TIER_BYTES}
     */
    public static Map<String, Object> copy(String field, Map<?, ?> delta) {
        if (delta == null) {
            return Map.of();
        }
        for (Object key : delta.keySet()) {
            if (!(key instanceof String name)) {
                throw new IllegalArgumentException(field + " has a key that is not a String: " + key);
            }
            InputRules.requireName(field + " key", name);
            for (String prefix : new String[] {APP, USER, TEMP}) {
                if (name.startsWith(prefix) && name.substring(prefix.length()).isBlank()) {
                    throw new IllegalArgumentException(field + " key '" + name + "' is a bare scope prefix:"
                            + " name the key after '" + prefix + "'");
                }
            }
        }
        Map<String, Object> copy = JsonValues.copyObject(field, delta);
        StateDelta split = split(copy);
        requireTierSize(field, "session", split.session());
        requireTierSize(field, "app", split.app());
        requireTierSize(field, "user", split.user());
        return copy;
    }

    /**
     * @param field the field reported in errors
     * @param tier which tier, for the message
     * @param values a tier's keys and values
     * @throws IllegalArgumentException if the tier is over {@link Limits#MAX_STATE_TIER_BYTES} as JSON
     */
    public static void requireTierSize(String field, String tier, Map<String, Object> values) {
        long size = JsonValues.jsonSize(values);
        if (size > Limits.MAX_STATE_TIER_BYTES) {
            throw tierTooLarge(field, tier, size);
        }
    }

    /**
     * The size of one key of a tier: its entry {@code "key":value} as compact JSON, in UTF-8 bytes
     * ({@link JsonValues#jsonSize}). A tier of {@code n > 0} keys is {@code 1 + sum(entryBytes + 1)}
     * bytes (the entries, {@code n - 1} commas and two braces), as {@link JsonValues#jsonSize} of
     * the tier's map; an empty tier is 2. Every backend measures a tier by this one rule: the SQL
     * stores keep each key's entry bytes in its row and add them up.
     *
     * @param key the key, without its scope prefix
     * @param value its JSON value, not null
     * @return the entry's bytes
     */
    public static long entryBytes(String key, Object value) {
        return JsonValues.jsonSize(key) + 1 + JsonValues.jsonSize(value);
    }

    /**
     * The failure of a change that would make a tier too large; the same words on every backend.
     *
     * @param field the field reported, such as {@code "stateDelta"}
     * @param tier which tier: session, app or user
     * @param size the tier's size after the change, in bytes as {@link #entryBytes} adds them up
     * @return the exception to throw, nothing having been written
     */
    public static IllegalArgumentException tierTooLarge(String field, String tier, long size) {
        return new IllegalArgumentException(field + " makes the " + tier + " state " + size + " bytes as JSON,"
                + " over the limit of " + Limits.MAX_STATE_TIER_BYTES + " (Limits.MAX_STATE_TIER_BYTES);"
                + " nothing was written");
    }

    /**
     * Splits a delta already checked by {@link #copy}.
     *
     * @param delta keys with their scope prefix
     * @return the tiers, each sorted by key and unmodifiable
     */
    public static StateDelta split(Map<String, Object> delta) {
        if (delta.isEmpty()) {
            return EMPTY;
        }
        Map<String, Object> session = new TreeMap<>();
        Map<String, Object> app = new TreeMap<>();
        Map<String, Object> user = new TreeMap<>();
        for (Map.Entry<String, Object> entry : delta.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith(APP)) {
                app.put(key.substring(APP.length()), entry.getValue());
            } else if (key.startsWith(USER)) {
                user.put(key.substring(USER.length()), entry.getValue());
            } else if (!key.startsWith(TEMP)) {
                session.put(key, entry.getValue());
            }
        }
        return new StateDelta(Collections.unmodifiableMap(session), Collections.unmodifiableMap(app),
                Collections.unmodifiableMap(user));
    }

    /**
     * @param delta a delta as given, checked by {@link #copy}
     * @return the delta as an event stores it: without {@code temp:} keys, order kept, unmodifiable
     */
    public static Map<String, Object> stored(Map<String, Object> delta) {
        if (delta.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> stored = new LinkedHashMap<>();
        delta.forEach((key, value) -> {
            if (!key.startsWith(TEMP)) {
                stored.put(key, value);
            }
        });
        return Collections.unmodifiableMap(stored);
    }

    /** @return whether this delta changes nothing that is stored */
    public boolean isEmpty() {
        return session.isEmpty() && app.isEmpty() && user.isEmpty();
    }

    /**
     * The state a session shows: its own keys as they are, the app's as {@code app:key}, the
     * user's as {@code user:key}.
     *
     * @param session the session's own keys
     * @param app the app tier
     * @param user the user tier
     * @return an unmodifiable map
     */
    public static Map<String, Object> view(Map<String, Object> session, Map<String, Object> app,
            Map<String, Object> user) {
        Map<String, Object> state = new LinkedHashMap<>(session);
        app.forEach((key, value) -> state.put(APP + key, value));
        user.forEach((key, value) -> state.put(USER + key, value));
        return Collections.unmodifiableMap(state);
    }

    /**
     * Applies changes to a tier in place: a {@code null} value removes the key.
     *
     * @param tier the tier's current keys, changed here
     * @param changes the tier's part of a delta
     */
    public static void apply(Map<String, Object> tier, Map<String, Object> changes) {
        changes.forEach((key, value) -> {
            if (value == null) {
                tier.remove(key);
            } else {
                tier.put(key, value);
            }
        });
    }
}
