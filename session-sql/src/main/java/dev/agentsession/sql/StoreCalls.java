package dev.agentsession.sql;

import dev.agentsession.SessionStoreException;
import dev.agentsession.SessionStoreUnavailableException;
import dev.agentsession.sql.spi.Dialect;
import dev.agentsession.sql.spi.SqlDatabase;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * How a call of {@link SqlSessionService} meets the database: run again after a failure a retry
 * may mend (the store's {@link Retries}), and a failure that remains reported as one while doing
 * what the call was doing, with the database's exception as the cause.
 */
final class StoreCalls {

    private final SqlDatabase database;
    private final Dialect dialect;
    private final Retries retries;
    private final BooleanSupplier closed;

    /**
     * @param database the store's database
     * @param closed whether the service has been closed, which a failure then says
     */
    StoreCalls(SqlDatabase database, BooleanSupplier closed) {
        this.database = database;
        this.dialect = database.dialect();
        this.retries = new Retries(database.retryPolicy(), dialect);
        this.closed = closed;
    }

    /**
     * After attempt {@code failedAttempts} failed: waits and says to go on, or says to stop
     * ({@link Retries#again}).
     */
    boolean again(DataAccessException e, boolean repeatable, int failedAttempts) {
        return retries.again(e, repeatable, failedAttempts);
    }

    /**
     * Runs a read, again after a failure a retry may mend (see {@link dev.agentsession.RetryPolicy}),
     * reporting a database failure as one while {@code action}.
     */
    <T> T query(String action, Supplier<T> read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (DataAccessException e) {
                if (!retries.again(e, true, attempt)) {
                    throw failure(action, e, attempt, true);
                }
            }
        }
    }

    /** Runs one write statement, atomic on its own, reporting a failure as one while {@code action}. */
    <T> T write(String action, Function<DSLContext, T> work) {
        try {
            return writeRetryingRollbacks(() -> database.statement(work));
        } catch (DataAccessException e) {
            throw failure(action, e);
        }
    }

    /**
     * Runs a write again when the database rolled it back and kept nothing of it (a deadlock, a
     * serialization or certification conflict): running it again is safe. A write that may have
     * been done (the connection broke under it) is not repeated.
     *
     * @throws DataAccessException the last failure, when it is not one to retry or the attempts are spent
     */
    <T> T writeRetryingRollbacks(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (DataAccessException e) {
                if (!retries.again(e, false, attempt)) {
                    throw e;
                }
            }
        }
    }

    /**
     * @param attempts how many attempts were made
     * @param repeatable whether the work was safe to repeat
     * @return the exception to throw: {@link dev.agentsession.SessionStoreUnavailableException}
     *     when the failure was transient (the attempts are spent) or the store unreachable
     */
    SessionStoreException failure(String action, DataAccessException e, int attempts, boolean repeatable) {
        if (closed.getAsBoolean()) {
            return dialect.failure(action + " failed: the service was closed meanwhile", e);
        }
        String message = action + " in " + database.description() + " failed";
        if (retries.isTransient(e, repeatable)) {
            return new SessionStoreUnavailableException(message + (attempts > 1 ? " after " + attempts + " attempts"
                    : "") + ": " + dialect.name() + " reported a transient failure", e);
        }
        return dialect.failure(message, e);
    }

    SessionStoreException failure(String action, DataAccessException e) {
        return failure(action, e, 1, false);
    }
}
