package dev.agentsession.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("secrets")
class SecretsTest {

    @Test
    @DisplayName("passwords in URL parameters and user info are masked")
    void masksUrls() {
        assertThat(Secrets.maskUrl("jdbc:postgresql://db/app?user=u&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/app?user=u&password=****&ssl=true");
        assertThat(Secrets.maskUrl("jdbc:mysql://db/app?PASSWORD=s3cret"))
                .isEqualTo("jdbc:mysql://db/app?PASSWORD=****");
        assertThat(Secrets.maskUrl("jdbc:mariadb://u:s3cret@db:3306/app")).isEqualTo("jdbc:mariadb://u:****@db:3306/app");
        assertThat(Secrets.maskUrl("sqlite:/tmp/a.db")).isEqualTo("sqlite:/tmp/a.db");
    }

    @Test
    @DisplayName("scrub removes a known password anywhere in a message")
    void scrubs() {
        assertThat(Secrets.scrub("login failed for u with s3cret at jdbc:x://h/d?password=other", "s3cret"))
                .doesNotContain("s3cret").doesNotContain("other");
    }
}
