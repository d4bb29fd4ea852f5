package dev.agentsession.internal;

import java.io.Serializable;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.RandomAccess;

/**
 * A JSON array that {@link JsonValues} has checked (or a store decoded from JSON it wrote) and
 * that nobody can change; {@link JsonValues} returns it as it is instead of copying it again.
 */
final class FrozenArray extends AbstractList<Object> implements RandomAccess, Serializable {

    private static final long serialVersionUID = 1L;

    private final ArrayList<Object> elements;
    private final int height;

    /** @param owned elements no one else holds a reference to, whose containers are frozen already */
    FrozenArray(ArrayList<Object> owned) {
        this.elements = owned;
        this.height = 1 + JsonValues.height(owned);
    }

    /** @return the levels of containers this array spans, itself included */
    int height() {
        return height;
    }

    @Override
    public Object get(int index) {
        return elements.get(index);
    }

    @Override
    public int size() {
        return elements.size();
    }
}
