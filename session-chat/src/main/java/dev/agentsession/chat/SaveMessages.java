package dev.agentsession.chat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The messages of one save, with their stored forms worked out only when a comparison needs them.
 *
 * @param <M> the framework's message type
 */
final class SaveMessages<M> {

    private final MessageCodec<M> codec;
    private final List<M> messages;
    private final List<Map<String, Object>> forms;

    SaveMessages(MessageCodec<M> codec, List<M> messages) {
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
