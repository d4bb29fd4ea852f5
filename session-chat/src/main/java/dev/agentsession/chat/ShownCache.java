package dev.agentsession.chat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What recently read conversations show, decoded, least recently used dropped first. Entries are
 * keyed by the session's identity (scope, id and creation time, so a conversation deleted and made
 * again is another key) and valid as of a last sequence.
 *
 * @param <E> what is kept of each shown message
 */
final class ShownCache<E> {

    /** A session's identity. */
    record Key(ConversationScope scope, String sessionId, Instant createdAt) {
    }

    /** What a conversation showed as of its last sequence, with its window (null: every message). */
    record Cached<E>(long lastSequence, Object window, List<E> shown) {
    }

    private final int capacity;
    private final Map<Key, Cached<E>> entries;

    ShownCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Cached<E>> eldest) {
                return size() > ShownCache.this.capacity;
            }
        };
    }

    synchronized Cached<E> get(Key key) {
        return capacity == 0 ? null : entries.get(key);
    }

    synchronized void put(Key key, Cached<E> cached) {
        if (capacity > 0) {
            entries.put(key, cached);
        }
    }
}
