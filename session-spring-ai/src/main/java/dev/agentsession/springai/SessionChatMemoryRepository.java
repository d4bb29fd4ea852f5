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
 * atomic: until its last event commits, the previous list stays visible; a save that loses a race
 * with another save of the same conversation is computed again (the last save wins the window,
 * and the history keeps both).
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
    /** While the shown events and at most this many hidden ones span the tail, one read takes them all. */
    private static final int TAIL_SLACK = 64;

    private final SessionService store;
    private final ConversationScopeResolver scopes;
    private final String agentId;

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
        return session(conversationId).map(session -> visible(session).shown().stream().map(Entry::message).toList())
                .orElse(List.of());
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
        String saveId = SessionIds.next();
        for (int attempt = 1; ; attempt++) {
            try {
                save(conversationId, messages, forms, saveId);
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

    private void save(String conversationId, List<Message> messages, List<Map<String, Object>> forms, String saveId) {
        Session session = session(conversationId).orElseGet(() -> create(conversationId));
        Shown now = visible(session);
        List<Entry> shown = now.shown();
        List<Entry> hidden = new ArrayList<>(now.hidden());

        // Match the list against the shown messages in order, then against recent hidden ones
        // (a message a racing save left out is shown again, not written twice); the rest is new.
        List<Long> sequences = new ArrayList<>(messages.size());
        List<Integer> fresh = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < messages.size(); i++) {
            Map<String, Object> form = forms.get(i);
            String text = messages.get(i).getText();
            int match = -1;
            for (int j = next; j < shown.size() && match < 0; j++) {
                if (shown.get(j).isSame(form, text)) {
                    match = j;
                }
            }
            if (match >= 0) {
                sequences.add(shown.get(match).event().sequence());
                next = match + 1;
                continue;
            }
            Entry earlier = hidden.stream().filter(entry -> entry.isSame(form, text)).findFirst().orElse(null);
            if (earlier != null) {
                hidden.remove(earlier);
                sequences.add(earlier.event().sequence());
            } else {
                sequences.add(null);
                fresh.add(i);
            }
        }

        Window before = Window.parse(session.state().get(Window.STATE_KEY));
        if (fresh.isEmpty()) {
            Window after = Window.of(sequences);
            if (!after.equals(before)) {
                session.addEvent(withExpected(SpringAiMessages.windowEvent(windowDelta(after)), session.lastSequence()));
            }
            return;
        }

        Map<String, Map<String, Object>> inputs = new LinkedHashMap<>();
        shown.forEach(entry -> inputs.putAll(SpringAiMessages.callInputs(entry.message())));
        long last = session.lastSequence();
        for (int k = 0; k < fresh.size(); k++) {
            int i = fresh.get(k);
            Message message = messages.get(i);
            boolean completes = k == fresh.size() - 1;
            Map<String, Object> delta = Map.of();
            if (completes) {
                sequences.set(i, last + 1);
                delta = windowDelta(Window.of(sequences));
            }
            AddEventOptions event = SpringAiMessages.toEvent(message, forms.get(i), inputs, delta);
            event = completes ? withExpected(event, last) : withId(event, saveId + "-" + k);
            Event stored = session.addEvent(event);
            sequences.set(i, stored.sequence());
            last = Math.max(last, stored.sequence());
            inputs.putAll(SpringAiMessages.callInputs(message));
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

    /**
     * The messages the conversation shows now, with the events that hold them, and the recent
     * events it does not show (left out by an earlier save, or written by a save that lost a race).
     */
    private static Shown visible(Session session) {
        Window window = Window.parse(session.state().get(Window.STATE_KEY));
        List<Entry> shown = new ArrayList<>();
        List<Entry> hidden = new ArrayList<>();
        if (window == null) {
            for (Event event : session.events(EventsOptions.all())) {
                if (!SpringAiMessages.isControl(event)) {
                    shown.add(Entry.of(event));
                }
            }
            return new Shown(shown, hidden);
        }
        long first = window.runs().stream().mapToLong(run -> run[0]).min().orElse(session.lastSequence() + 1);
        long span = session.lastSequence() - first + 1;
        if (span <= window.size() + TAIL_SLACK) {
            // One read from the oldest shown event to the end, split into shown and hidden.
            Map<Long, Event> events = new LinkedHashMap<>();
            session.events(EventsOptions.after(first - 1)).forEach(event -> events.put(event.sequence(), event));
            for (long[] run : window.runs()) {
                for (long sequence = run[0]; sequence <= run[1]; sequence++) {
                    Event event = events.remove(sequence);
                    if (event != null) {
                        shown.add(Entry.of(event));
                    }
                }
            }
            events.values().stream().filter(event -> !SpringAiMessages.isControl(event))
                    .forEach(event -> hidden.add(Entry.of(event)));
            return new Shown(shown, hidden);
        }
        for (long[] run : window.runs()) {
            try (Stream<Event> stream = session.streamEvents(run[0] - 1)) {
                stream.limit(run[1] - run[0] + 1).forEach(event -> shown.add(Entry.of(event)));
            }
        }
        return new Shown(shown, hidden);
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

    /** The messages a conversation shows, in order, and recent events it holds but does not show. */
    private record Shown(List<Entry> shown, List<Entry> hidden) {
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
