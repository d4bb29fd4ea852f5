package dev.agentsession.chat;

import dev.agentsession.AddEventOptions;
import dev.agentsession.Event;
import java.util.List;
import java.util.Map;

/**
 * The tests' messages and how they are stored: a note's role is the event's author and its form,
 * its text the content; a window goes in the metadata, and a control event is authored "control".
 */
final class NoteCodec implements MessageCodec<NoteCodec.Note> {

    /** A message of the tests; two notes may be equal and still two objects, as in a chat framework. */
    record Note(String role, String text) {
    }

    @Override
    public Map<String, Object> form(Note message) {
        return Map.of("role", message.role());
    }

    @Override
    public String text(Note message) {
        return message.text();
    }

    @Override
    public AddEventOptions event(Note message, Map<String, Object> form, Map<String, Map<String, Object>> callInputs,
            List<List<Long>> window) {
        return AddEventOptions.builder(message.role()).content(message.text())
                .metadata(window == null ? Map.of("form", form) : Map.of("form", form, "window", window)).build();
    }

    @Override
    public AddEventOptions windowEvent(List<List<Long>> window) {
        return AddEventOptions.builder("control").metadata(Map.of("window", window)).build();
    }

    @Override
    public Object window(Event event) {
        return event.metadata().get("window");
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> storedForm(Event event) {
        return (Map<String, Object>) event.metadata().getOrDefault("form", Map.of());
    }

    @Override
    public boolean isControl(Event event) {
        return event.author().equals("control");
    }

    @Override
    public Note message(Event event) {
        return new Note(event.author(), event.content());
    }

    @Override
    public Map<String, Map<String, Object>> callInputs(Note message) {
        return Map.of();
    }
}
