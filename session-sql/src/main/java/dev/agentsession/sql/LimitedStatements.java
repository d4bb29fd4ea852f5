package dev.agentsession.sql;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * One statement that ends in {@code LIMIT n}, rendered with {@code n} written into it for the
 * few limits programs use (the last 20 turns, a page of 200), and with {@code n} bound as a
 * parameter for any other. PostgreSQL plans a prepared statement whose limit is a parameter
 * again on every run (its generic plan, made without knowing how many rows are wanted, looks
 * dearer than the plans made for each value), which cost about as much as running it; with the
 * limit written in, the prepared statement's plan is made once and kept.
 */
final class LimitedStatements {

    /** Limits up to this one are written into statements of their own. */
    static final int LARGEST_INLINE = 1_000;
    /** At most this many statements of their own, so odd limits cannot grow the cache without end. */
    static final int MOST_STATEMENTS = 32;

    private final IntFunction<RenderedStatement> withLimit;
    private final RenderedStatement withParameter;
    private final Map<Integer, RenderedStatement> rendered = new ConcurrentHashMap<>();

    /**
     * @param withLimit renders the statement with a limit written into it
     * @param withParameter the statement with the limit as a parameter, which the caller sets
     */
    LimitedStatements(IntFunction<RenderedStatement> withLimit, RenderedStatement withParameter) {
        this.withLimit = withLimit;
        this.withParameter = withParameter;
    }

    /**
     * @param limit the number of rows, at least 1
     * @return the statement with {@code limit} written in, or null where the caller must use
     *     {@link #withParameter()} and set the limit
     */
    RenderedStatement written(int limit) {
        RenderedStatement statement = rendered.get(limit);
        if (statement == null && limit <= LARGEST_INLINE && rendered.size() < MOST_STATEMENTS) {
            statement = rendered.computeIfAbsent(limit, withLimit::apply);
        }
        return statement;
    }

    /** @return the statement whose limit is a parameter */
    RenderedStatement withParameter() {
        return withParameter;
    }
}
