package dev.agentsession.sql;

import dev.agentsession.sql.spi.RenderedStatement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.impl.DSL;

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

    private final DSLContext dsl;
    private final Param<Integer> parameter;
    private final Function<Param<Integer>, Query> query;
    private final RenderedStatement withParameter;
    private final Map<Integer, RenderedStatement> written = new ConcurrentHashMap<>();

    /**
     * @param dsl the store's context
     * @param parameter the limit's parameter, for limits not written in
     * @param query the statement for a limit: the parameter, or a value written in
     */
    LimitedStatements(DSLContext dsl, Param<Integer> parameter, Function<Param<Integer>, Query> query) {
        this.dsl = dsl;
        this.parameter = parameter;
        this.query = query;
        this.withParameter = RenderedStatement.of(dsl, query.apply(parameter));
    }

    /**
     * @param limit the number of rows, at least 1
     * @return the statement's values for that limit, the other parameters still to set
     */
    RenderedStatement.Values values(int limit) {
        RenderedStatement statement = written.get(limit);
        if (statement == null && limit <= LARGEST_INLINE && written.size() < MOST_STATEMENTS) {
            statement = written.computeIfAbsent(limit, n -> RenderedStatement.of(dsl, query.apply(DSL.inline(n))));
        }
        return statement != null ? statement.values() : withParameter.values().set(parameter, limit);
    }

    /**
     * Adds this statement, with a limit written in (20, as for the last 20 turns) and with the
     * limit as a parameter, to the golden SQL files' list.
     *
     * @param name what the statement reads
     * @param statements the list, by name
     */
    void describe(String name, Map<String, String> statements) {
        statements.put(name + " (limit written in: 20)", RenderedStatement.of(dsl, query.apply(DSL.inline(20))).sql());
        statements.put(name + " (limit as a parameter)", withParameter.sql());
    }
}
