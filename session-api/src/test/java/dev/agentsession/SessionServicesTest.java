package dev.agentsession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("opening a store by URL")
class SessionServicesTest {

    @Test
    @DisplayName("a known scheme whose module is missing names the module to add, without the password")
    void missingModule() {
        assertThatThrownBy(() -> SessionServices.open("jdbc:postgresql://db/app?password=s3cret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dev.agentsession:session-postgres")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> SessionServices.open("jdbc:mariadb://db/app"))
                .hasMessageContaining("dev.agentsession:session-mysql");
        assertThatThrownBy(() -> SessionServices.open("sqlite:/tmp/x.db"))
                .hasMessageContaining("dev.agentsession:session-sqlite");
        assertThatThrownBy(() -> SessionServices.open("memory:"))
                .hasMessageContaining("dev.agentsession:session-memory");
    }

    @Test
    @DisplayName("an unknown scheme lists the URLs that are understood")
    void unknownScheme() {
        assertThatThrownBy(() -> SessionServices.open("mongodb://db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown store URL 'mongodb://db'")
                .hasMessageContaining("jdbc:postgresql:");
        assertThatThrownBy(() -> SessionServices.open(" ")).hasMessage("url must not be blank");
    }

    @Test
    @DisplayName("module(url) names the module that opens a URL, by its scheme in any case")
    void moduleOfUrl() {
        assertThat(SessionServices.module("memory:")).contains("session-memory");
        assertThat(SessionServices.module("SQLite:/tmp/a.db")).contains("session-sqlite");
        assertThat(SessionServices.module("jdbc:sqlite:/tmp/a.db")).contains("session-sqlite");
        assertThat(SessionServices.module("jdbc:postgresql://db/app")).contains("session-postgres");
        assertThat(SessionServices.module("jdbc:mysql://db/app")).contains("session-mysql");
        assertThat(SessionServices.module("jdbc:mariadb://db/app")).contains("session-mysql");
        assertThat(SessionServices.module("jdbc:oracle:thin:@db")).isEmpty();
    }

    @Test
    @DisplayName("a configuration never shows its password")
    void configHidesPassword() {
        SessionStoreConfig config = SessionStoreConfig.builder("jdbc:mysql://u:pw1@db/app?password=pw2")
                .user("u").password("pw3").maxPoolSize(4).option("k", "v").build();
        assertThat(config.toString()).doesNotContain("pw1", "pw2", "pw3").contains("maxPoolSize=4", "migrate=true");
    }
}
