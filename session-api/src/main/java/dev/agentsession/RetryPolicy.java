package dev.agentsession;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a store on a database server runs a call again after a failure that is safe to retry: the
 * database rolled the transaction back (a deadlock, a serialization failure, a Galera
 * certification conflict, a lock wait timeout), or the connection was lost while reading, or
 * while appending an event (every append carries an event id, the caller's or a generated one,
 * so a retry finds an append that did commit instead of writing it twice).
 *
 * <p>Between attempts the store waits a random time up to the back-off, which starts at
 * {@code initialBackoff} and doubles with each attempt up to {@code maxBackoff} ("full
 * jitter"). When the last attempt fails too, the call fails with
 * {@link SessionStoreUnavailableException} carrying the last failure as its cause. Failures
 * that are not safe to retry (bad input, a conflict the caller asked for, a full disk) are never
 * retried; nor is a call for which the pool already waited its connection timeout.
 *
 * @param maxAttempts how many times a call runs at most, the first included; {@code 1} means
 *     no retry
 * @param initialBackoff the longest wait before the second attempt
 * @param maxBackoff the longest wait before any attempt
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    private static final RetryPolicy DEFAULTS = new RetryPolicy(8, Duration.ofMillis(10), Duration.ofSeconds(1));
    private static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    /**
     * @throws IllegalArgumentException if {@code maxAttempts} is below 1, a back-off is negative,
     *     or {@code maxBackoff} is shorter than {@code initialBackoff}
     * @throws NullPointerException if a back-off is null
     */
    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("back-offs must not be negative, were " + initialBackoff + " and "
                    + maxBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must not be shorter than initialBackoff ("
                    + initialBackoff + ")");
        }
    }

    /** @return 8 attempts, waits from up to 10 ms doubling to up to 1 s: about 1.3 s of waiting at most */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** @return one attempt: every failure reaches the caller at once */
    public static RetryPolicy none() {
        return NONE;
    }

    /**
     * @param failedAttempts how many attempts failed so far, at least 1
     * @return how long to wait before the next attempt: random, up to the back-off for that attempt
     */
    public Duration backoff(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be at least 1, was " + failedAttempts);
        }
        long ceiling = initialBackoff.toNanos();
        for (int i = 1; i < failedAttempts && ceiling < maxBackoff.toNanos(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, maxBackoff.toNanos());
        return ceiling == 0 ? Duration.ZERO : Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }
}
