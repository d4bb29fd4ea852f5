package dev.agentsession.internal;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Supplier;

/**
 * An unmodifiable list a store decodes on first use, for what it read but the caller may never
 * look at (an event's tool calls, say). Safe to share between threads: each may decode once, and
 * all see equal lists. A value that cannot be decoded fails on first use, with the decoder's
 * exception.
 *
 * @param <T> the elements
 */
public final class LazyList<T> extends AbstractList<T> implements RandomAccess {

    private final Supplier<List<T>> decoder;
    private volatile List<T> decoded;

    private LazyList(Supplier<List<T>> decoder) {
        this.decoder = decoder;
    }

    /**
     * @param decoder makes the list when it is first used; it must return a list no one else
     *     holds, of values that need no further checks
     * @param <T> the elements
     * @return the lazy list
     */
    public static <T> List<T> of(Supplier<List<T>> decoder) {
        return new LazyList<>(decoder);
    }

    /**
     * {@link List#copyOf}, except that a lazy list, unmodifiable already, is kept as it is (not
     * decoded).
     *
     * @param list the list to copy
     * @param <T> the elements
     * @return an unmodifiable list of the same elements
     * @throws NullPointerException if the list or an element is null
     */
    public static <T> List<T> copyOf(List<T> list) {
        return list instanceof LazyList<T> lazy ? lazy : List.copyOf(list);
    }

    private List<T> decoded() {
        List<T> list = decoded;
        if (list == null) {
            list = List.copyOf(decoder.get());
            decoded = list;
        }
        return list;
    }

    @Override
    public T get(int index) {
        return decoded().get(index);
    }

    @Override
    public int size() {
        return decoded().size();
    }
}
