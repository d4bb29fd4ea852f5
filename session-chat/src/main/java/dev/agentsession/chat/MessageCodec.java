package dev.agentsession.chat;

import dev.agentsession.AddEventOptions;
import dev.agentsession.Event;
import java.util.List;
import java.util.Map;

/**
 * How one chat framework's messages are stored as events: what a {@link ConversationStore} needs
 * to know of them.
 *
 * @param <M> the framework's message type
 */
public interface MessageCodec<M> {

    /**
     * @return the message as JSON data in the store's normal form (as {@code JsonValues} copies
     *     it), without its text: two messages are the same when their forms and texts are equal
     */
    Map<String, Object> form(M message);

    /** @return the message's text, as stored in the event's content; may be null */
    String text(M message);

    /**
     * @param form the message's {@link #form}
     * @param callInputs the arguments of earlier tool calls by call id, for tool results
     * @param window the conversation's window this event completes ({@code [[from, to], ...]}), to
     *     keep in its metadata so that {@link #window} gives it back; null for none
     * @return the event that stores the message
     */
    AddEventOptions event(M message, Map<String, Object> form, Map<String, Map<String, Object>> callInputs,
            List<List<Long>> window);

    /** @return a control event that only records a window */
    AddEventOptions windowEvent(List<List<Long>> window);

    /** @return the window an event records, or null if it records none */
    Object window(Event event);

    /** @return the {@link #form} stored with an event, or an empty map for one written otherwise */
    Map<String, Object> storedForm(Event event);

    /** @return whether an event is a control event of this codec */
    boolean isControl(Event event);

    /** @return the message an event holds */
    M message(Event event);

    /** @return the arguments of the tool calls the message makes, by call id */
    Map<String, Map<String, Object>> callInputs(M message);
}
