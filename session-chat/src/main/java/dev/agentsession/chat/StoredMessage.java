package dev.agentsession.chat;

import dev.agentsession.Event;
import java.util.Map;
import java.util.Objects;

/**
 * A stored message: the event that holds it, the message decoded from it, and its stored form.
 *
 * @param event the event
 * @param message the message
 * @param form the message's form as stored ({@link MessageCodec#form})
 * @param <M> the framework's message type
 */
record StoredMessage<M>(Event event, M message, Map<String, Object> form) {

    /** @return whether a message of this form and text is the same as this one */
    boolean isSame(Map<String, Object> otherForm, String text) {
        return form.equals(otherForm) && Objects.equals(event.content(), text);
    }
}
