package dev.agentsession.chat;

import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.Session;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a conversation shows, read as cheaply as the store allows: the messages of its window, in
 * the window's order, decoded; kept in a {@link ShownCache} as of the session's last sequence, so
 * that a read of an unchanged conversation reads no event and a read after a few appends reads
 * only those.
 *
 * @param <M> the framework's message type
 */
final class ConversationReader<M> {

    /** The latest events are searched for the window in steps of this factor: 8, then 64, then 512, ... */
    private static final int WINDOW_SEARCH_STEP = 8;
    /** While the shown events and at most this many others span the tail, one read takes them all. */
    private static final int TAIL_SLACK = 64;

    private final MessageCodec<M> codec;
    private final ShownCache<StoredMessage<M>> cache;

    /**
     * @param codec how messages are stored
     * @param cachedConversations how many conversations' shown messages are kept decoded (0: none)
     */
    ConversationReader(MessageCodec<M> codec, int cachedConversations) {
        this.codec = codec;
        this.cache = new ShownCache<>(cachedConversations);
    }

    /**
     * Keeps what a save has just made the conversation show.
     *
     * @param scope the conversation's scope
     * @param session the session, as read before the save
     * @param lastSequence the session's last sequence after the save
     * @param window the window after the save
     * @param shown the messages shown after the save
     */
    void remember(ConversationScope scope, Session session, long lastSequence, Window window,
            List<StoredMessage<M>> shown) {
        cache.put(new ShownCache.Key(scope, session.id(), session.createdAt()),
                new ShownCache.Cached<>(lastSequence, window, Collections.unmodifiableList(shown)));
    }

    /**
     * The messages the conversation shows now, in order, with the events that hold them, and its
     * window: from the cache when the session has not changed since, brought up to date with the
     * events written since when it has, read whole otherwise.
     */
    Shown<M> visible(ConversationScope scope, Session session) {
        ShownCache.Key key = new ShownCache.Key(scope, session.id(), session.createdAt());
        ShownCache.Cached<StoredMessage<M>> cached = cache.get(key);
        Shown<M> shown = null;
        if (cached != null && cached.lastSequence() == session.lastSequence()) {
            shown = new Shown<>(cached.shown(), (Window) cached.window());
        } else if (cached != null && cached.lastSequence() < session.lastSequence() && cached.window() != null) {
            shown = updated(cached, session);
        }
        if (shown == null) {
            shown = read(session);
        }
        cache.put(key, new ShownCache.Cached<>(session.lastSequence(), shown.window(), shown.entries()));
        return shown;
    }

    /** The cached list brought up to date with the events written since, or null if it cannot be. */
    private Shown<M> updated(ShownCache.Cached<StoredMessage<M>> cached, Session session) {
        List<Event> newer = session.events(EventsOptions.after(cached.lastSequence()));
        Window window = (Window) cached.window();
        for (int i = newer.size() - 1; i >= 0; i--) {
            Window recorded = Window.parse(codec.window(newer.get(i)));
            if (recorded != null) {
                window = recorded;
                break;
            }
        }
        if (window.equals(cached.window())) {
            return new Shown<>(cached.shown(), window);
        }
        Map<Long, StoredMessage<M>> known = new LinkedHashMap<>();
        cached.shown().forEach(entry -> known.put(entry.event().sequence(), entry));
        newer.stream().filter(event -> !codec.isControl(event)).forEach(event -> known.put(event.sequence(), entry(event)));
        List<StoredMessage<M>> shown = new ArrayList<>();
        for (long[] run : window.runs()) {
            for (long sequence = run[0]; sequence <= run[1]; sequence++) {
                StoredMessage<M> entry = known.get(sequence);
                if (entry == null) {
                    return null;
                }
                shown.add(entry);
            }
        }
        return new Shown<>(List.copyOf(shown), window);
    }

    /** The messages the conversation shows, read from the store. */
    private Shown<M> read(Session session) {
        Window window = null;
        for (int n = WINDOW_SEARCH_STEP; window == null; n *= WINDOW_SEARCH_STEP) {
            List<Event> tail = session.events(EventsOptions.last(n));
            for (int i = tail.size() - 1; i >= 0 && window == null; i--) {
                window = Window.parse(codec.window(tail.get(i)));
            }
            if (window == null && tail.size() < n) {
                // never saved through a window: every message it holds is shown
                List<StoredMessage<M>> shown = tail.stream().filter(event -> !codec.isControl(event)).map(this::entry).toList();
                return new Shown<>(shown, null);
            }
        }
        List<StoredMessage<M>> shown = new ArrayList<>();
        long first = window.runs().stream().mapToLong(run -> run[0]).min().orElse(session.lastSequence() + 1);
        if (session.lastSequence() - first + 1 <= window.size() + TAIL_SLACK) {
            // One read from the oldest shown event to the end, then taken in the window's order.
            Map<Long, Event> events = new LinkedHashMap<>();
            session.events(EventsOptions.after(first - 1)).forEach(event -> events.put(event.sequence(), event));
            for (long[] run : window.runs()) {
                for (long sequence = run[0]; sequence <= run[1]; sequence++) {
                    Event event = events.get(sequence);
                    if (event != null) {
                        shown.add(entry(event));
                    }
                }
            }
        } else {
            for (long[] run : window.runs()) {
                try (Stream<Event> stream = session.streamEvents(run[0] - 1)) {
                    stream.limit(run[1] - run[0] + 1).forEach(event -> shown.add(entry(event)));
                }
            }
        }
        return new Shown<>(List.copyOf(shown), window);
    }

    StoredMessage<M> entry(Event event) {
        return new StoredMessage<>(event, codec.message(event), codec.storedForm(event));
    }
}
