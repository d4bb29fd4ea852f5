package dev.agentsession.chat;

import java.util.List;

/**
 * What a conversation shows: its messages in order with the events that hold them, and its window.
 *
 * @param entries the shown messages
 * @param window the window that picks them, or null when every message is shown (never saved
 *     through a window)
 * @param <M> the framework's message type
 */
record Shown<M>(List<StoredMessage<M>> entries, Window window) {
}
