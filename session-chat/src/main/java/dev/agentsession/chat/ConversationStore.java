package dev.agentsession.chat;

import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.DeleteRequest;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.Limits;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionAlreadyExistsException;
import dev.agentsession.SessionConflictException;
import dev.agentsession.SessionNotFoundException;
import dev.agentsession.SessionService;
import dev.agentsession.SessionStoreException;
import dev.agentsession.internal.InputRules;
import dev.agentsession.internal.SessionIds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Conversations of one chat framework kept in a {@link SessionService}: each conversation is a
 * session (its id the conversation id) in the (app, user) scope a {@link ConversationScopeResolver}
 * gives, each message an event.
 *
 * <p><b>Append-only.</b> {@link #save} compares the list with the one shown now and appends only
 * the messages that are new (in order; after a {@link #find} on the same thread, a message is known
 * by being the very object that read returned, so one said again is new even when equal to one
 * shown; otherwise an equal message counts as the same); messages it leaves out (a window that dropped its oldest messages, a
 * replaced system message, any other change) are hidden, never deleted, by moving the
 * conversation's window: the list of events it shows, recorded in the metadata of the event that
 * completes a save (or of a control event when a save appends nothing), so it commits with it
 * and the session's state is left to the application. {@link #find} returns exactly the list last saved, while the
 * whole history stays readable through {@link SessionService}. A save is atomic: until its last
 * event commits, the previous list stays shown.
 *
 * <p><b>Concurrent saves lose nothing.</b> A save that follows a {@link #find} of the same
 * conversation on the same thread (as the frameworks' window memories do) is merged when another
 * save came in between: the messages it dropped from what it read leave the list, its new
 * messages are appended to the list as it is now, so both saves' messages stay; when the
 * conversation was deleted and made again since the read, its list becomes exactly the one saved
 * (the new conversation's messages stay in its history). A save that loses
 * the race for its last event is worked out again, after a pause that grows with each lost race
 * and is partly random: a writer that has just won starts its next save first, so without the
 * pause a rival saving as often could lose every time.
 *
 * <p>Thread-safe. Store failures throw {@link SessionStoreException}.
 *
 * @param <M> the framework's message type
 */
public final class ConversationStore<M> {

    /** How many times a save that lost a race with another save is worked out again. */
    private static final int SAVE_ATTEMPTS = 20;
    /** The longest pause, in microseconds, before a save that lost a race is worked out again. */
    private static final long MAX_PAUSE_MICROS = 50_000;
    /** The bound of the first pause, in microseconds; it doubles with each race lost after it. */
    private static final long FIRST_PAUSE_MICROS = 500;
    /** The latest events are searched for the window in steps of this factor: 8, then 64, then 512, ... */
    private static final int WINDOW_SEARCH_STEP = 8;
    /** How many of the latest shown messages are searched for the call a tool result answers. */
    private static final int CALL_SEARCH_DEPTH = 64;
    /** While the shown events and at most this many others span the tail, one read takes them all. */
    private static final int TAIL_SLACK = 64;

    private final SessionService store;
    private final ConversationScopeResolver scopes;
    private final String agentId;
    private final MessageCodec<M> codec;
    /** What this thread last read, for the save that usually follows. */
    private final ThreadLocal<LastRead<M>> lastRead = new ThreadLocal<>();
    /** The decoded messages shown by recently read conversations, as of a last sequence. */
    private final ShownCache<Entry<M>> cache;

    /** How many conversations' shown messages are kept decoded by default. */
    public static final int DEFAULT_CACHED_CONVERSATIONS = 256;

    /**
     * A store that keeps the shown messages of the {@value #DEFAULT_CACHED_CONVERSATIONS} most
     * recently read conversations decoded.
     *
     * @param store where the conversations live
     * @param scopes which (app, user) scope each conversation belongs to
     * @param agentId the agent id recorded on the sessions it creates
     * @param codec how messages are stored
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code agentId} is blank
     */
    public ConversationStore(SessionService store, ConversationScopeResolver scopes, String agentId,
            MessageCodec<M> codec) {
        this(store, scopes, agentId, codec, DEFAULT_CACHED_CONVERSATIONS);
    }

    /**
     * @param store where the conversations live
     * @param scopes which (app, user) scope each conversation belongs to
     * @param agentId the agent id recorded on the sessions it creates
     * @param codec how messages are stored
     * @param cachedConversations how many conversations' shown messages are kept decoded (0: none).
     *     Events never change once written, so a cached list is used only while the session's last
     *     sequence (and its creation time) are those it was read at, and is otherwise brought up to
     *     date by reading the events written since: a read of an unchanged conversation reads no
     *     event, whichever process wrote it.
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code agentId} is blank or {@code cachedConversations} negative
     */
    public ConversationStore(SessionService store, ConversationScopeResolver scopes, String agentId,
            MessageCodec<M> codec, int cachedConversations) {
        this.store = Objects.requireNonNull(store, "store");
        this.scopes = Objects.requireNonNull(scopes, "scopes");
        this.agentId = InputRules.requireName("agentId", agentId);
        this.codec = Objects.requireNonNull(codec, "codec");
        this.cache = new ShownCache<>(InputRules.requireNotNegative("cachedConversations", cachedConversations));
    }

    /** @return the ids of the conversations in the scope the resolver gives for {@code null}, newest first */
    public List<String> conversationIds() {
        ConversationScope scope = scopes.scopeOf(null);
        return store.list(ListRequest.all(scope.appName(), scope.userId())).stream().map(Session::id).toList();
    }

    /**
     * @return the messages last saved for the conversation, in order; empty if there are none
     * @throws IllegalArgumentException for a missing or too long conversation id
     */
    public List<M> find(String conversationId) {
        requireConversationId(conversationId);
        ConversationScope scope = scopes.scopeOf(conversationId);
        Optional<Session> session = session(scope, conversationId);
        Shown<M> shown = session.isEmpty() ? new Shown<>(List.of(), null) : visible(scope, session.get());
        lastRead.set(new LastRead<>(scope, conversationId, session.orElse(null), shown));
        return shown.entries().stream().map(Entry::message).toList();
    }

    /**
     * Makes {@code messages} the conversation's list, appending only the ones not stored yet.
     *
     * @throws IllegalArgumentException for a missing conversation id, a null list or a null element
     */
    public void save(String conversationId, List<M> messages) {
        requireConversationId(conversationId);
        requireMessages(messages);
        ConversationScope scope = scopes.scopeOf(conversationId);
        Forms<M> forms = new Forms<>(codec, messages);
        LastRead<M> read = lastRead.get();
        lastRead.remove();
        boolean followsRead = read != null && read.isOf(scope, conversationId);
        List<Entry<M>> base = followsRead ? read.shown().entries() : null;
        String saveId = SessionIds.next();
        if (followsRead && read.session() != null) {
            // Straight after a read on this thread: save against what it read; if another writer
            // came in between, the conditional last append says so and the save is worked out again.
            try {
                save(scope, read.session(), messages, forms, saveId, base, read.shown());
                return;
            } catch (SessionConflictException | SessionNotFoundException e) {
                // worked out again below, from the store
            }
        }
        for (int attempt = 1; ; attempt++) {
            try {
                Session session = session(scope, conversationId).orElseGet(() -> create(scope, conversationId));
                // what was read counts only while the conversation is the one read, not one made again since
                List<Entry<M>> from = base != null && read.sameConversation(session) ? base : null;
                save(scope, session, messages, forms, saveId, from, visible(scope, session));
                return;
            } catch (SessionConflictException e) {
                if (attempt == SAVE_ATTEMPTS) {
                    throw new SessionStoreException("saving conversation '" + conversationId + "' lost the race to "
                            + "other writers " + SAVE_ATTEMPTS + " times in a row", e);
                }
                pause(attempt, conversationId, e);
            }
        }
    }

    /**
     * Waits before the next try of a save that lost {@code attempt} retries in a row: between half
     * and all of a bound that starts at {@value #FIRST_PAUSE_MICROS} µs and doubles up to
     * {@value #MAX_PAUSE_MICROS} µs. The random half breaks the lockstep in which the last winner
     * always starts first.
     */
    private static void pause(int attempt, String conversationId, SessionConflictException lost) {
        long bound = Math.min(MAX_PAUSE_MICROS, FIRST_PAUSE_MICROS << Math.min(attempt - 1, 20));
        try {
            TimeUnit.MICROSECONDS.sleep(ThreadLocalRandom.current().nextLong(bound / 2, bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            SessionStoreException interrupted = new SessionStoreException("saving conversation '" + conversationId
                    + "' was interrupted while waiting to try again after losing a race; it still shows the list "
                    + "before this save", e);
            interrupted.addSuppressed(lost);
            throw interrupted;
        }
    }

    /**
     * Appends messages to the conversation's history without touching its window (for memories
     * that read the last N events directly); one event per message, in order.
     *
     * @throws IllegalArgumentException for a missing conversation id, a null list or a null element
     */
    public void append(String conversationId, List<M> messages) {
        requireConversationId(conversationId);
        requireMessages(messages);
        ConversationScope scope = scopes.scopeOf(conversationId);
        Session session = session(scope, conversationId).orElseGet(() -> create(scope, conversationId));
        Map<String, Map<String, Object>> inputs = new LinkedHashMap<>();
        for (M message : messages) {
            session.addEvent(codec.event(message, codec.form(message), inputs, null));
            inputs.putAll(codec.callInputs(message));
        }
    }

    /**
     * @return the last {@code n} messages of the conversation's history, oldest first (one last-N
     *     read), without control events; empty if there is no such conversation
     */
    public List<M> last(String conversationId, int n) {
        requireConversationId(conversationId);
        ConversationScope scope = scopes.scopeOf(conversationId);
        return session(scope, conversationId).map(session -> session.events(EventsOptions.last(n)).stream()
                .filter(event -> !codec.isControl(event)).map(codec::message).toList()).orElse(List.of());
    }

    /** Deletes the conversation's session with its whole history; nothing happens if there is none. */
    public void delete(String conversationId) {
        requireConversationId(conversationId);
        ConversationScope scope = scopes.scopeOf(conversationId);
        store.delete(new DeleteRequest(scope.appName(), scope.userId(), conversationId));
    }

    /**
     * Saves against {@code now}, what {@code session} shows as of its last sequence, then keeps
     * the new list in the cache. {@code base} is what this thread read before, if the messages
     * were built from it.
     */
    private void save(ConversationScope scope, Session session, List<M> messages, Forms<M> forms, String saveId,
            List<Entry<M>> base, Shown<M> now) {
        List<Entry<M>> shown = base == null ? now.entries() : withMessagesOf(base, now.entries());
        // What to show, slot by slot: a stored message's entry, or null for a message to append.
        Plan<M> plan = null;
        if (base != null && base != shown && !sameEvents(base, shown)) {
            plan = Plan.merged(forms, base, shown);
        }
        if (plan == null) {
            plan = Plan.exact(forms, shown, base != null);
        }
        List<Entry<M>> slots = plan.slots();
        long[] sequences = new long[slots.size()];
        for (int slot = 0; slot < sequences.length; slot++) {
            sequences[slot] = slots.get(slot) == null ? -1 : slots.get(slot).event().sequence();
        }
        long last = session.lastSequence();
        if (plan.fresh().isEmpty()) {
            Window after = Window.of(sequences);
            if (after.equals(now.window()) || now.window() == null && sameEvents(shown, slots)) {
                return;
            }
            last = session.addEvent(withExpected(codec.windowEvent(after.toState()), last)).sequence();
        }

        Map<String, Map<String, Object>> inputs = new LinkedHashMap<>();
        shown.subList(Math.max(0, shown.size() - CALL_SEARCH_DEPTH), shown.size())
                .forEach(entry -> inputs.putAll(codec.callInputs(entry.message())));
        for (int k = 0; k < plan.fresh().size(); k++) {
            int slot = plan.fresh().get(k);
            int i = plan.messageAt().get(slot);
            M message = messages.get(i);
            boolean completes = k == plan.fresh().size() - 1;
            List<List<Long>> window = null;
            if (completes) {
                // the event completing the save records the window, itself as the next sequence
                sequences[slot] = last + 1;
                window = Window.of(sequences).toState();
            }
            AddEventOptions event = codec.event(message, forms.form(i), inputs, window);
            event = completes ? withExpected(event, last) : withId(event, saveId + "-" + i);
            Event stored = session.addEvent(event);
            slots.set(slot, new Entry<>(stored, message, forms.form(i)));
            sequences[slot] = stored.sequence();
            last = Math.max(last, stored.sequence());
            inputs.putAll(codec.callInputs(message));
        }
        cache.put(new ShownCache.Key(scope, session.id(), session.createdAt()),
                new ShownCache.Cached<>(last, Window.of(sequences), Collections.unmodifiableList(slots)));
    }

    /**
     * The shown entries, each holding the message object this thread read for the same event where
     * it read one: messages read by this thread are known by identity, and another thread (or a
     * read of the events written since) may have decoded the same events into other objects.
     */
    private static <M> List<Entry<M>> withMessagesOf(List<Entry<M>> base, List<Entry<M>> shown) {
        if (base == shown) {
            return shown;
        }
        Map<Long, Entry<M>> read = new HashMap<>(base.size() * 2);
        base.forEach(entry -> read.put(entry.event().sequence(), entry));
        List<Entry<M>> result = new ArrayList<>(shown.size());
        for (Entry<M> entry : shown) {
            result.add(read.getOrDefault(entry.event().sequence(), entry));
        }
        return result;
    }

    /** @return whether both lists hold the same events, in the same order */
    private static boolean sameEvents(List<? extends Entry<?>> a, List<? extends Entry<?>> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).event().sequence() != b.get(i).event().sequence()) {
                return false;
            }
        }
        return true;
    }

    private static AddEventOptions withExpected(AddEventOptions event, long expected) {
        return new AddEventOptions(event.author(), event.content(), event.reasoning(), event.actions(),
                event.invocationId(), event.agentId(), event.branch(), event.longRunningToolIds(), event.metadata(),
                event.stateDelta(), expected, event.eventId());
    }

    private static AddEventOptions withId(AddEventOptions event, String id) {
        return new AddEventOptions(event.author(), event.content(), event.reasoning(), event.actions(),
                event.invocationId(), event.agentId(), event.branch(), event.longRunningToolIds(), event.metadata(),
                event.stateDelta(), event.expectedLastSequence(), id);
    }

    /**
     * The messages the conversation shows now, in order, with the events that hold them, and its
     * window: from the cache when the session has not changed since, brought up to date with the
     * events written since when it has, read whole otherwise.
     */
    private Shown<M> visible(ConversationScope scope, Session session) {
        ShownCache.Key key = new ShownCache.Key(scope, session.id(), session.createdAt());
        ShownCache.Cached<Entry<M>> cached = cache.get(key);
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
    private Shown<M> updated(ShownCache.Cached<Entry<M>> cached, Session session) {
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
        Map<Long, Entry<M>> known = new LinkedHashMap<>();
        cached.shown().forEach(entry -> known.put(entry.event().sequence(), entry));
        newer.stream().filter(event -> !codec.isControl(event)).forEach(event -> known.put(event.sequence(), entry(event)));
        List<Entry<M>> shown = new ArrayList<>();
        for (long[] run : window.runs()) {
            for (long sequence = run[0]; sequence <= run[1]; sequence++) {
                Entry<M> entry = known.get(sequence);
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
                List<Entry<M>> shown = tail.stream().filter(event -> !codec.isControl(event)).map(this::entry).toList();
                return new Shown<>(shown, null);
            }
        }
        List<Entry<M>> shown = new ArrayList<>();
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

    private Entry<M> entry(Event event) {
        return new Entry<>(event, codec.message(event), codec.storedForm(event));
    }

    private Optional<Session> session(ConversationScope scope, String conversationId) {
        return store.get(new GetRequest(scope.appName(), scope.userId(), conversationId));
    }

    private Session create(ConversationScope scope, String conversationId) {
        try {
            return store.create(CreateRequest.builder(scope.appName(), scope.userId(), agentId)
                    .sessionId(conversationId).build());
        } catch (SessionAlreadyExistsException e) {
            return session(scope, conversationId).orElseThrow(() -> e);
        }
    }

    private static void requireConversationId(String conversationId) {
        if (conversationId == null || conversationId.isBlank()) {
            throw new IllegalArgumentException("conversationId cannot be null or empty");
        }
        if (conversationId.length() > Limits.MAX_SESSION_ID_LENGTH) {
            throw new IllegalArgumentException("conversationId must be at most " + Limits.MAX_SESSION_ID_LENGTH
                    + " characters (it is the session id), was " + conversationId.length());
        }
    }

    private static void requireMessages(List<?> messages) {
        if (messages == null) {
            throw new IllegalArgumentException("messages cannot be null");
        }
        if (messages.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("messages cannot contain null elements");
        }
    }

    /** The messages of a save, with their stored forms worked out only when a comparison needs them. */
    private static final class Forms<M> {
        private final MessageCodec<M> codec;
        private final List<M> messages;
        private final List<Map<String, Object>> forms;

        Forms(MessageCodec<M> codec, List<M> messages) {
            this.codec = codec;
            this.messages = messages;
            this.forms = new ArrayList<>(Collections.nCopies(messages.size(), null));
        }

        int size() {
            return messages.size();
        }

        M message(int i) {
            return messages.get(i);
        }

        String text(int i) {
            return codec.text(messages.get(i));
        }

        Map<String, Object> form(int i) {
            Map<String, Object> form = forms.get(i);
            if (form == null) {
                form = codec.form(messages.get(i));
                forms.set(i, form);
            }
            return form;
        }
    }

    /** The list one thread last read of one conversation. */
    private record LastRead<M>(ConversationScope scope, String conversationId, Session session, Shown<M> shown) {

        boolean isOf(ConversationScope otherScope, String otherId) {
            return scope.equals(otherScope) && conversationId.equals(otherId);
        }

        /**
         * @return whether {@code now} is the session this read saw (a conversation deleted and made
         *     again under its id is another), or the read found none
         */
        boolean sameConversation(Session now) {
            return session == null || session.createdAt().equals(now.createdAt()) && session.id().equals(now.id());
        }
    }

    /** What a conversation shows: its messages with their events, and the window (null: every message). */
    private record Shown<M>(List<Entry<M>> entries, Window window) {
    }

    /** A stored message, the event holding it and its stored form. */
    private record Entry<M>(Event event, M message, Map<String, Object> form) {

        boolean isSame(Map<String, Object> otherForm, String text) {
            return form.equals(otherForm) && Objects.equals(event.content(), text);
        }
    }

    /**
     * A save worked out: the window's slots (a stored message's entry, or null for a message to
     * append), which slots are new, and which message fills each new slot.
     */
    private record Plan<M>(List<Entry<M>> slots, List<Integer> fresh, Map<Integer, Integer> messageAt) {

        /** The list exactly: matched against the shown messages, in order where it can. */
        static <M> Plan<M> exact(Forms<M> forms, List<Entry<M>> shown, boolean byIdentity) {
            int[] matched = match(forms, shown, byIdentity);
            List<Entry<M>> slots = new ArrayList<>(matched.length);
            List<Integer> fresh = new ArrayList<>();
            Map<Integer, Integer> messageAt = new LinkedHashMap<>();
            for (int i = 0; i < matched.length; i++) {
                if (matched[i] < 0) {
                    fresh.add(slots.size());
                    messageAt.put(slots.size(), i);
                    slots.add(null);
                } else {
                    slots.add(shown.get(matched[i]));
                }
            }
            return new Plan<>(slots, fresh, messageAt);
        }

        /**
         * The list read by this thread has changed under it (another save came in between): the
         * messages it dropped leave the list shown now, and its new messages are appended to it,
         * so neither save loses its messages. Null when the new messages are not all at the end
         * of the list (then the list is taken exactly).
         */
        static <M> Plan<M> merged(Forms<M> forms, List<Entry<M>> base, List<Entry<M>> shown) {
            int[] matched = match(forms, base, true);
            int firstNew = matched.length;
            for (int i = 0; i < matched.length; i++) {
                if (matched[i] < 0) {
                    firstNew = Math.min(firstNew, i);
                } else if (firstNew < i) {
                    return null;
                }
            }
            Set<Long> dropped = new HashSet<>();
            base.forEach(entry -> dropped.add(entry.event().sequence()));
            for (int i = 0; i < firstNew; i++) {
                dropped.remove(base.get(matched[i]).event().sequence());
            }
            List<Entry<M>> slots = new ArrayList<>();
            shown.stream().filter(entry -> !dropped.contains(entry.event().sequence())).forEach(slots::add);
            List<Integer> fresh = new ArrayList<>();
            Map<Integer, Integer> messageAt = new LinkedHashMap<>();
            for (int i = firstNew; i < matched.length; i++) {
                fresh.add(slots.size());
                messageAt.put(slots.size(), i);
                slots.add(null);
            }
            return new Plan<>(slots, fresh, messageAt);
        }

        /**
         * Each message's entry among {@code entries}, by index, matched in order (a message never
         * matches an entry before the one the previous message matched), or -1 if it has none.
         * When the list was built from what this thread read ({@code byIdentity}), a message
         * matches only the very object read for an entry, so a message said again is a new event
         * even when an equal one just left the window; otherwise an equal message matches.
         */
        private static int[] match(Forms<?> forms, List<? extends Entry<?>> entries, boolean byIdentity) {
            int[] matched = new int[forms.size()];
            int next = 0;
            for (int i = 0; i < forms.size(); i++) {
                int found = next < entries.size() && entries.get(next).message() == forms.message(i) ? next : -1;
                if (found < 0) {
                    found = find(entries, next, forms, i, false);
                }
                if (found < 0 && !byIdentity) {
                    found = find(entries, next, forms, i, true);
                }
                matched[i] = found;
                if (found >= 0) {
                    next = found + 1;
                }
            }
            return matched;
        }

        private static int find(List<? extends Entry<?>> entries, int from, Forms<?> forms, int i, boolean byContent) {
            for (int j = from; j < entries.size(); j++) {
                Entry<?> entry = entries.get(j);
                if (byContent ? entry.isSame(forms.form(i), forms.text(i)) : entry.message() == forms.message(i)) {
                    return j;
                }
            }
            return -1;
        }
    }
}
