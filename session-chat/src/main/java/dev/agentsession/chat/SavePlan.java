package dev.agentsession.chat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A save worked out: the window's slots (a stored message's entry, or null for a message to
 * append), which slots are new, and which message of the save fills each new slot. Pure: it reads
 * nothing and writes nothing, so every rule of how a save merges is here.
 *
 * @param slots what the window shows after the save, slot by slot; null where a message is appended
 * @param fresh the slots to append, in order
 * @param messageAt for each fresh slot, the index of the save's message that fills it
 * @param <M> the framework's message type
 */
record SavePlan<M>(List<StoredMessage<M>> slots, List<Integer> fresh, Map<Integer, Integer> messageAt) {

    /** The list exactly: matched against the shown messages, in order where it can. */
    static <M> SavePlan<M> exact(SaveMessages<M> forms, List<StoredMessage<M>> shown, boolean byIdentity) {
        int[] matched = match(forms, shown, byIdentity);
        List<StoredMessage<M>> slots = new ArrayList<>(matched.length);
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
        return new SavePlan<>(slots, fresh, messageAt);
    }

    /**
     * The list read by this thread has changed under it (another save came in between): the
     * messages it dropped leave the list shown now, and its new messages are appended to it,
     * so neither save loses its messages. Null when the new messages are not all at the end
     * of the list (then the list is taken exactly).
     */
    static <M> SavePlan<M> merged(SaveMessages<M> forms, List<StoredMessage<M>> base, List<StoredMessage<M>> shown) {
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
        List<StoredMessage<M>> slots = new ArrayList<>();
        shown.stream().filter(entry -> !dropped.contains(entry.event().sequence())).forEach(slots::add);
        List<Integer> fresh = new ArrayList<>();
        Map<Integer, Integer> messageAt = new LinkedHashMap<>();
        for (int i = firstNew; i < matched.length; i++) {
            fresh.add(slots.size());
            messageAt.put(slots.size(), i);
            slots.add(null);
        }
        return new SavePlan<>(slots, fresh, messageAt);
    }

    /**
     * Each message's entry among {@code entries}, by index, matched in order (a message never
     * matches an entry before the one the previous message matched), or -1 if it has none.
     * When the list was built from what this thread read ({@code byIdentity}), a message
     * matches only the very object read for an entry, so a message said again is a new event
     * even when an equal one just left the window; otherwise an equal message matches.
     */
    private static int[] match(SaveMessages<?> forms, List<? extends StoredMessage<?>> entries, boolean byIdentity) {
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

    private static int find(List<? extends StoredMessage<?>> entries, int from, SaveMessages<?> forms, int i,
            boolean byContent) {
        for (int j = from; j < entries.size(); j++) {
            StoredMessage<?> entry = entries.get(j);
            if (byContent ? entry.isSame(forms.form(i), forms.text(i)) : entry.message() == forms.message(i)) {
                return j;
            }
        }
        return -1;
    }
}
