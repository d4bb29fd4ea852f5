package dev.agentsession.springai;

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
import dev.agentsession.SessionService;
import dev.agentsession.SessionStoreException;
import dev.agentsession.internal.InputRules;
import dev.agentsession.internal.SessionIds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.messages.Message;

/**
 * A Spring AI {@link ChatMemoryRepository} over any agent-session {@link SessionService}: each
 * conversation is a session (its id the conversation id) in the (app, user) scope a
 * {@link ConversationScopeResolver} gives, each message an event.
 *
 * <p><b>Append-only.</b> {@link #saveAll} compares the list with the one visible now and appends
 * only the messages that are new; messages it leaves out (a window that dropped its oldest
 * messages, a replaced system message, any other change) are hidden, never deleted, by moving
 * the conversation's window: the list of events it shows, kept in the session's state and
 * committed with the last appended event. {@link #findByConversationId} returns exactly the list
 * last saved, while the whole history stays readable through {@link SessionService}. A save is
 * atomic: until its last event commits, the previous list stays visible.
 *
 * <p><b>Concurrent saves lose nothing.</b> A save that follows a read of the same conversation
 * on the same thread (as {@code MessageWindowChatMemory.add} does) is merged when another save
 * came in between: the messages it dropped from what it read leave the list, its new messages are
 * appended to the list as it is now, so both saves' messages stay. A save that loses the race
 * for its last event is worked out again.
 *
 * <p><b>Lossless.</b> Every message comes back equal under Spring AI's {@code equals}: user
 * messages with text, media and metadata, assistant messages with text, tool calls, properties
 * and media, system messages, tool responses; metadata values keep their Java types (an
 * {@code Integer} stays an {@code Integer}, {@code messageType} its enum). The stored events stay
 * readable without Spring AI: author is the message type, content the text, tool calls and
 * responses are actions.
 *
 * <p>Thread-safe. Bad arguments throw {@link IllegalArgumentException} with Spring AI's own
 * messages; store failures throw {@link SessionStoreException}.
 */
public final class SessionChatMemoryRepository implements ChatMemoryRepository {

    /** How many times a save that lost a race with another save is computed again. */
    private static final int SAVE_ATTEMPTS = 20;
    /** While the shown events and at most this many others span the tail, one read takes them all. */
    private static final int TAIL_SLACK = 64;

    private final SessionService store;
    private final ConversationScopeResolver scopes;
    private final String agentId;
    /** What this thread last read, for the save that usually follows (as MessageWindowChatMemory does). */
    private final ThreadLocal<LastRead> lastRead = new ThreadLocal<>();

    private SessionChatMemoryRepository(Builder builder) {
        this.store = builder.store;
        this.scopes = builder.scopes;
        this.agentId = builder.agentId;
    }

    /**
     * A builder for a repository over {@code store}.
     *
     * @throws NullPointerException if {@code store} is null
     */
    public static Builder builder(SessionService store) {
        return new Builder(store);
    }

    /** @return the ids of the conversations in the scope the resolver gives for {@code null}, newest first */
    @Override
    public List<String> findConversationIds() {
        ConversationScope scope = scopes.scopeOf(null);
        return store.list(ListRequest.all(scope.appName(), scope.userId())).stream().map(Session::id).toList();
    }

    /** @return the messages last saved for the conversation, in order; empty if there are none */
    @Override
    public List<Message> findByConversationId(String conversationId) {
        requireConversationId(conversationId);
        Optional<Session> session = session(conversationId);
        if (session.isEmpty()) {
            lastRead.set(new LastRead(scopes.scopeOf(conversationId), conversationId, List.of()));
            return List.of();
        }
        List<Entry> shown = visible(session.get());
        lastRead.set(new LastRead(scopes.scopeOf(conversationId), conversationId, shown));
        return shown.stream().map(Entry::message).toList();
    }

    /**
     * Makes {@code messages} the conversation's list, appending only the ones not visible now.
     *
     * @throws IllegalArgumentException for a missing conversation id, a null list or a null element
     */
    @Override
    public void saveAll(String conversationId, List<Message> messages) {
        requireConversationId(conversationId);
        if (messages == null) {
            throw new IllegalArgumentException("messages cannot be null");
        }
        if (messages.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("messages cannot contain null elements");
        }
        List<Map<String, Object>> forms = messages.stream().map(SpringAiMessages::form).toList();
        LastRead read = lastRead.get();
        lastRead.remove();
        List<Entry> base = read != null && read.isOf(scopes.scopeOf(conversationId), conversationId) ? read.shown() : null;
        String saveId = SessionIds.next();
        for (int attempt = 1; ; attempt++) {
            try {
                save(conversationId, messages, forms, saveId, base);
                return;
            } catch (SessionConflictException e) {
                if (attempt == SAVE_ATTEMPTS) {
                    throw new SessionStoreException("saving conversation '" + conversationId + "' lost the race to "
                            + "other writers " + SAVE_ATTEMPTS + " times in a row", e);
                }
            }
        }
    }

    /** Deletes the conversation's session with its whole history. */
    @Override
    public void deleteByConversationId(String conversationId) {
        requireConversationId(conversationId);
        ConversationScope scope = scopes.scopeOf(conversationId);
        store.delete(new DeleteRequest(scope.appName(), scope.userId(), conversationId));
    }

    private void save(String conversationId, List<Message> messages, List<Map<String, Object>> forms, String saveId,
            List<Entry> base) {
        Session session = session(conversationId).orElseGet(() -> create(conversationId));
        List<Entry> shown = visible(session);

        // What to show, slot by slot: the sequence of a stored event, or a message to append.
        Plan plan = null;
        if (base != null && !sequencesOf(base).equals(sequencesOf(shown))) {
            plan = Plan.merged(messages, forms, base, shown);
        }
        if (plan == null) {
            plan = Plan.exact(messages, forms, shown);
        }

        Window before = Window.parse(session.state().get(Window.STATE_KEY));
        if (plan.fresh().isEmpty()) {
            Window after = Window.of(plan.slots());
            if (!after.equals(before)) {
                session.addEvent(withExpected(SpringAiMessages.windowEvent(windowDelta(after)), session.lastSequence()));
            }
            return;
        }

        Map<String, Map<String, Object>> inputs = new LinkedHashMap<>();
        shown.forEach(entry -> inputs.putAll(SpringAiMessages.callInputs(entry.message())));
        List<Long> slots = plan.slots();
        long last = session.lastSequence();
        for (int k = 0; k < plan.fresh().size(); k++) {
            int slot = plan.fresh().get(k);
            int i = plan.messageAt().get(slot);
            Message message = messages.get(i);
            boolean completes = k == plan.fresh().size() - 1;
            Map<String, Object> delta = Map.of();
            if (completes) {
                slots.set(slot, last + 1);
                delta = windowDelta(Window.of(slots));
            }
            AddEventOptions event = SpringAiMessages.toEvent(message, forms.get(i), inputs, delta);
            event = completes ? withExpected(event, last) : withId(event, saveId + "-" + i);
            Event stored = session.addEvent(event);
            slots.set(slot, stored.sequence());
            last = Math.max(last, stored.sequence());
            inputs.putAll(SpringAiMessages.callInputs(message));
        }
    }

    private static List<Long> sequencesOf(List<Entry> entries) {
        return entries.stream().map(entry -> entry.event().sequence()).toList();
    }

    /**
     * A save worked out: the window's slots (a stored event's sequence, or null for a message to
     * append), which slots are new, and which message fills each new slot.
     */
    private record Plan(List<Long> slots, List<Integer> fresh, Map<Integer, Integer> messageAt) {

        /** The list exactly: matched against the shown messages, in order where it can. */
        static Plan exact(List<Message> messages, List<Map<String, Object>> forms, List<Entry> shown) {
            List<Long> matched = match(messages, forms, shown);
            List<Long> slots = new ArrayList<>();
            List<Integer> fresh = new ArrayList<>();
            Map<Integer, Integer> messageAt = new LinkedHashMap<>();
            for (int i = 0; i < matched.size(); i++) {
                if (matched.get(i) == null) {
                    fresh.add(slots.size());
                    messageAt.put(slots.size(), i);
                }
                slots.add(matched.get(i));
            }
            return new Plan(slots, fresh, messageAt);
        }

        /**
         * The list read by this thread has changed under it (another save came in between): the
         * messages it dropped leave the list shown now, and its new messages are appended to it,
         * so neither save loses its messages. Null when the new messages are not all at the end
         * of the list (then the list is taken exactly).
         */
        static Plan merged(List<Message> messages, List<Map<String, Object>> forms, List<Entry> base,
                List<Entry> shown) {
            List<Long> matched = match(messages, forms, base);
            int firstNew = matched.indexOf(null);
            if (firstNew >= 0 && matched.subList(firstNew, matched.size()).stream().anyMatch(Objects::nonNull)) {
                return null;
            }
            List<Long> dropped = new ArrayList<>(sequencesOf(base));
            dropped.removeAll(matched);
            List<Long> slots = new ArrayList<>(sequencesOf(shown));
            slots.removeAll(dropped);
            List<Integer> fresh = new ArrayList<>();
            Map<Integer, Integer> messageAt = new LinkedHashMap<>();
            for (int i = firstNew < 0 ? matched.size() : firstNew; i < matched.size(); i++) {
                fresh.add(slots.size());
                messageAt.put(slots.size(), i);
                slots.add(null);
            }
            return new Plan(slots, fresh, messageAt);
        }

        /** Each message's stored event among {@code entries} (in order where it can), or null if it has none. */
        private static List<Long> match(List<Message> messages, List<Map<String, Object>> forms, List<Entry> entries) {
            List<Entry> unused = new ArrayList<>(entries);
            List<Long> matched = new ArrayList<>(messages.size());
            int next = 0;
            for (int i = 0; i < messages.size(); i++) {
                int found = find(unused, next, unused.size(), forms.get(i), messages.get(i).getText());
                if (found < 0) {
                    found = find(unused, 0, next, forms.get(i), messages.get(i).getText());
                }
                if (found < 0) {
                    matched.add(null);
                    continue;
                }
                matched.add(unused.remove(found).event().sequence());
                // the entries after the match moved down by one: go on from where it was
                next = found >= next ? found : next - 1;
            }
            return matched;
        }

        private static int find(List<Entry> entries, int from, int to, Map<String, Object> form, String text) {
            for (int j = from; j < to; j++) {
                if (entries.get(j).isSame(form, text)) {
                    return j;
                }
            }
            return -1;
        }
    }

    private static Map<String, Object> windowDelta(Window window) {
        return Map.of(Window.STATE_KEY, window.toState());
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

    /** The messages the conversation shows now, in order, with the events that hold them. */
    private static List<Entry> visible(Session session) {
        Window window = Window.parse(session.state().get(Window.STATE_KEY));
        List<Entry> shown = new ArrayList<>();
        if (window == null) {
            for (Event event : session.events(EventsOptions.all())) {
                if (!SpringAiMessages.isControl(event)) {
                    shown.add(Entry.of(event));
                }
            }
            return shown;
        }
        long first = window.runs().stream().mapToLong(run -> run[0]).min().orElse(session.lastSequence() + 1);
        if (session.lastSequence() - first + 1 <= window.size() + TAIL_SLACK) {
            // One read from the oldest shown event to the end, then taken in the window's order.
            Map<Long, Event> events = new LinkedHashMap<>();
            session.events(EventsOptions.after(first - 1)).forEach(event -> events.put(event.sequence(), event));
            for (long[] run : window.runs()) {
                for (long sequence = run[0]; sequence <= run[1]; sequence++) {
                    Event event = events.get(sequence);
                    if (event != null) {
                        shown.add(Entry.of(event));
                    }
                }
            }
            return shown;
        }
        for (long[] run : window.runs()) {
            try (Stream<Event> stream = session.streamEvents(run[0] - 1)) {
                stream.limit(run[1] - run[0] + 1).forEach(event -> shown.add(Entry.of(event)));
            }
        }
        return shown;
    }

    private Optional<Session> session(String conversationId) {
        ConversationScope scope = scopes.scopeOf(conversationId);
        return store.get(new GetRequest(scope.appName(), scope.userId(), conversationId));
    }

    private Session create(String conversationId) {
        ConversationScope scope = scopes.scopeOf(conversationId);
        try {
            return store.create(CreateRequest.builder(scope.appName(), scope.userId(), agentId)
                    .sessionId(conversationId).build());
        } catch (SessionAlreadyExistsException e) {
            return session(conversationId).orElseThrow(() -> e);
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

    /** The list one thread last read of one conversation. */
    private record LastRead(ConversationScope scope, String conversationId, List<Entry> shown) {

        boolean isOf(ConversationScope otherScope, String otherId) {
            return scope.equals(otherScope) && conversationId.equals(otherId);
        }
    }

    /** A stored message and the event holding it. */
    private record Entry(Event event, Message message, Map<String, Object> form) {

        static Entry of(Event event) {
            return new Entry(event, SpringAiMessages.message(event), SpringAiMessages.storedForm(event));
        }

        boolean isSame(Map<String, Object> otherForm, String text) {
            return form.equals(otherForm) && Objects.equals(event.content(), text);
        }
    }

    /** Settings of a {@link SessionChatMemoryRepository}. */
    public static final class Builder {
        private final SessionService store;
        private ConversationScopeResolver scopes;
        private String agentId = "spring-ai";

        private Builder(SessionService store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** Keeps every conversation in one (app, user) scope. */
        public Builder scope(String appName, String userId) {
            this.scopes = ConversationScopeResolver.fixed(appName, userId);
            return this;
        }

        /** Chooses each conversation's scope with a resolver. */
        public Builder scopeResolver(ConversationScopeResolver resolver) {
            this.scopes = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** The agent id recorded on the sessions this repository creates (default {@code spring-ai}). */
        public Builder agentId(String agentId) {
            this.agentId = InputRules.requireName("agentId", agentId);
            return this;
        }

        /**
         * @return the repository
         * @throws IllegalStateException if no scope or resolver was given
         */
        public SessionChatMemoryRepository build() {
            if (scopes == null) {
                throw new IllegalStateException("a scope (app and user) or a scope resolver is required");
            }
            return new SessionChatMemoryRepository(this);
        }
    }
}
