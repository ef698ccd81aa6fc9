package io.s3pump.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofMinutes(1));

    @Test
    void theCeilingDoublesPerAttemptUpToTheCap() {
        assertThat(policy.delayCeiling(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.delayCeiling(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delayCeiling(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.delayCeiling(5)).isEqualTo(Duration.ofMillis(1600));
        assertThat(policy.delayCeiling(6)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayCeiling(1000)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void fullJitterSpansZeroToTheCeiling() {
        assertThat(policy.delay(3, 0.0)).isEqualTo(Duration.ZERO);
        assertThat(policy.delay(3, 0.5)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delay(3, 0.999999)).isLessThan(Duration.ofMillis(400)).isGreaterThan(Duration.ofMillis(399));
    }

    @Test
    void theDefaultsAreDocumented() {
        assertThat(RetryPolicy.DEFAULT).isEqualTo(new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofMinutes(2)));
        assertThat(RetryPolicy.NONE.maxAttempts()).isEqualTo(1);
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.delay(1, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.delayCeiling(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
