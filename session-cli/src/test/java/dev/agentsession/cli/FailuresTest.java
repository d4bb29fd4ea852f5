package dev.agentsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.SessionStoreException;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("how the tool reports a failure")
class FailuresTest {

    @Test
    @DisplayName("each cause's message follows, once, with the secrets masked")
    void keepsTheCauses() {
        Exception failure = new SessionStoreException("cannot connect to jdbc:mariadb://h/db?password1=s3cret",
                new IllegalStateException("Failed to initialize pool: Connection refused",
                        new ConnectException("Connection refused")));

        assertThat(Failures.describe(failure)).isEqualTo(
                "cannot connect to jdbc:mariadb://h/db?password1=****: Failed to initialize pool: Connection refused");
    }

    @Test
    @DisplayName("a failure without a message is named by its class")
    void namesAFailureWithoutMessage() {
        assertThat(Failures.describe(new IOException((String) null))).isEqualTo("IOException");
    }
}
