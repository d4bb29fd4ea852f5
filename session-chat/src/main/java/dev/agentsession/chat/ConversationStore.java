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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 * <p>This class holds the flow of each call; its parts hold one idea each: what a conversation
 * shows and the cache of decoded messages ({@link ConversationReader}), how a save is worked out
 * against what is shown ({@link SavePlan}), and what a save that lost a race does
 * ({@link LostRaces}).
 *
 * <p>Thread-safe. Store failures throw {@link SessionStoreException}.
 *
 * @param <M> the framework's message type
 */
public final class ConversationStore<M> {

    /** How many of the latest shown messages are searched for the call a tool result answers. */
    private static final int CALL_SEARCH_DEPTH = 64;
    private final SessionService store;
    private final ConversationScopeResolver scopes;
    private final String agentId;
    private final MessageCodec<M> codec;
    /** What this thread last read, for the save that usually follows. */
    private final ThreadLocal<LastRead<M>> lastRead = new ThreadLocal<>();
    /** What conversations show, with the decoded messages of recently read ones. */
    private final ConversationReader<M> reader;

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
        this.reader = new ConversationReader<>(this.codec,
                InputRules.requireNotNegative("cachedConversations", cachedConversations));
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
        Shown<M> shown = session.isEmpty() ? new Shown<>(List.of(), null) : reader.visible(scope, session.get());
        lastRead.set(new LastRead<>(scope, conversationId, session.orElse(null), shown));
        return shown.entries().stream().map(StoredMessage::message).toList();
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
        SaveMessages<M> forms = new SaveMessages<>(codec, messages);
        LastRead<M> read = lastRead.get();
        lastRead.remove();
        boolean followsRead = read != null && read.isOf(scope, conversationId);
        List<StoredMessage<M>> base = followsRead ? read.shown().entries() : null;
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
                List<StoredMessage<M>> from = base != null && read.sameConversation(session) ? base : null;
                save(scope, session, messages, forms, saveId, from, reader.visible(scope, session));
                return;
            } catch (SessionConflictException e) {
                LostRaces.pauseOrGiveUp(attempt, conversationId, e);
            }
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
    private void save(ConversationScope scope, Session session, List<M> messages, SaveMessages<M> forms, String saveId,
            List<StoredMessage<M>> base, Shown<M> now) {
        List<StoredMessage<M>> shown = base == null ? now.entries() : withMessagesOf(base, now.entries());
        // What to show, slot by slot: a stored message's entry, or null for a message to append.
        SavePlan<M> plan = null;
        if (base != null && base != shown && !sameEvents(base, shown)) {
            plan = SavePlan.merged(forms, base, shown);
        }
        if (plan == null) {
            plan = SavePlan.exact(forms, shown, base != null);
        }
        List<StoredMessage<M>> slots = plan.slots();
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
            slots.set(slot, new StoredMessage<>(stored, message, forms.form(i)));
            sequences[slot] = stored.sequence();
            last = Math.max(last, stored.sequence());
            inputs.putAll(codec.callInputs(message));
        }
        reader.remember(scope, session, last, Window.of(sequences), slots);
    }

    /**
     * The shown entries, each holding the message object this thread read for the same event where
     * it read one: messages read by this thread are known by identity, and another thread (or a
     * read of the events written since) may have decoded the same events into other objects.
     */
    private static <M> List<StoredMessage<M>> withMessagesOf(List<StoredMessage<M>> base, List<StoredMessage<M>> shown) {
        if (base == shown) {
            return shown;
        }
        Map<Long, StoredMessage<M>> read = new HashMap<>(base.size() * 2);
        base.forEach(entry -> read.put(entry.event().sequence(), entry));
        List<StoredMessage<M>> result = new ArrayList<>(shown.size());
        for (StoredMessage<M> entry : shown) {
            result.add(read.getOrDefault(entry.event().sequence(), entry));
        }
        return result;
    }

    /** @return whether both lists hold the same events, in the same order */
    private static boolean sameEvents(List<? extends StoredMessage<?>> a, List<? extends StoredMessage<?>> b) {
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
}
