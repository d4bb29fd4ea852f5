package dev.agentsession.sql;

import dev.agentsession.RetryPolicy;
import dev.agentsession.sql.spi.Dialect;
import java.time.Duration;
import org.jooq.exception.DataAccessException;

/**
 * Decides, after a failed attempt, whether to run the work again, and waits before it does: the
 * store's {@link RetryPolicy} applied to its dialect's reading of the failure.
 */
final class Retries {

    private final RetryPolicy policy;
    private final Dialect dialect;

    Retries(RetryPolicy policy, Dialect dialect) {
        this.policy = policy;
        this.dialect = dialect;
    }

    /**
     * @param e the failure of an attempt
     * @param repeatable whether the work may run twice without harm (a read; an append that
     *     carries its event id); other work is retried only when the database kept nothing of it
     * @return whether the failure is one a retry may mend
     */
    boolean isTransient(DataAccessException e, boolean repeatable) {
        return dialect.isRolledBack(e) || repeatable && dialect.isConnectionLost(e);
    }

    /**
     * After attempt {@code failedAttempts} failed with {@code e}: waits and says to go on, or says
     * to stop.
     *
     * @return whether to run the work again; false when the failure is not transient, the
     *     attempts are spent or the thread was interrupted while waiting (its flag is set again)
     */
    boolean again(DataAccessException e, boolean repeatable, int failedAttempts) {
        if (failedAttempts >= policy.maxAttempts() || !isTransient(e, repeatable)) {
            return false;
        }
        Duration pause = policy.backoff(failedAttempts);
        try {
            Thread.sleep(pause.toMillis(), pause.toNanosPart() % 1_000_000);
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
