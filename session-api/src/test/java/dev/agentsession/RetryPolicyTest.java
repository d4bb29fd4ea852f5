package dev.agentsession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("retry policy")
class RetryPolicyTest {

    @Test
    @DisplayName("waits are random up to a back-off that doubles from the initial one and stops at the maximum")
    void backoffDoublesUpToTheMaximum() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(10), Duration.ofMillis(70));
        for (int run = 0; run < 2_000; run++) {
            assertThat(policy.backoff(1)).isBetween(Duration.ZERO, Duration.ofMillis(10));
            assertThat(policy.backoff(2)).isBetween(Duration.ZERO, Duration.ofMillis(20));
            assertThat(policy.backoff(3)).isBetween(Duration.ZERO, Duration.ofMillis(40));
            assertThat(policy.backoff(4)).isBetween(Duration.ZERO, Duration.ofMillis(70));
            assertThat(policy.backoff(60)).isBetween(Duration.ZERO, Duration.ofMillis(70));
        }
        long longest = 0;
        for (int run = 0; run < 2_000; run++) {
            longest = Math.max(longest, policy.backoff(9).toNanos());
        }
        assertThat(longest).as("waits spread up to the ceiling").isGreaterThan(Duration.ofMillis(35).toNanos());
    }

    @Test
    @DisplayName("the defaults: 8 attempts from 10 ms to 1 s; none() makes one attempt and never waits")
    void defaultsAndNone() {
        assertThat(RetryPolicy.defaults()).isEqualTo(new RetryPolicy(8, Duration.ofMillis(10), Duration.ofSeconds(1)));
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
        assertThat(RetryPolicy.none().backoff(1)).isEqualTo(Duration.ZERO);
    }

    @Test
    @DisplayName("a policy that cannot work is refused, naming what is wrong")
    void badPoliciesAreRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts must be at least 1");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofMillis(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> new RetryPolicy(3, null, Duration.ZERO)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> RetryPolicy.defaults().backoff(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
