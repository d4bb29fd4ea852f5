package dev.agentsession.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * The messages a conversation shows, as runs of event sequences in the order they are shown:
 * {@code [[1, 1], [40, 58]]} shows event 1, then events 40 to 58. Kept in the session's state
 * under the codec's key and committed with the event that completes a save.
 */
final class Window {

    private final List<long[]> runs;

    private Window(List<long[]> runs) {
        this.runs = runs;
    }

    /** @return the runs, {@code [from, to]} inclusive, in the order they are shown */
    List<long[]> runs() {
        return runs;
    }

    /** @return how many events the window shows */
    long size() {
        return runs.stream().mapToLong(run -> run[1] - run[0] + 1).sum();
    }

    /** @return the window of these sequences, in this order */
    static Window of(long[] sequences) {
        List<long[]> runs = new ArrayList<>();
        for (long sequence : sequences) {
            long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && sequence == last[1] + 1) {
                last[1] = sequence;
            } else {
                runs.add(new long[] {sequence, sequence});
            }
        }
        return new Window(runs);
    }

    /** @return the window a state value holds, or null if it holds none */
    static Window parse(Object value) {
        if (!(value instanceof List<?> items)) {
            return null;
        }
        List<long[]> runs = new ArrayList<>();
        for (Object item : items) {
            List<?> run = (List<?>) item;
            runs.add(new long[] {((Number) run.get(0)).longValue(), ((Number) run.get(1)).longValue()});
        }
        return new Window(runs);
    }

    /** @return the window as a state value */
    List<List<Long>> toState() {
        List<List<Long>> state = new ArrayList<>();
        runs.forEach(run -> state.add(List.of(run[0], run[1])));
        return state;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Window window && toState().equals(window.toState());
    }

    @Override
    public int hashCode() {
        return toState().hashCode();
    }
}
