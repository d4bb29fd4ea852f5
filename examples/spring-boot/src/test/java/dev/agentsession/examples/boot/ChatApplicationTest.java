package dev.agentsession.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

@DisplayName("the Spring Boot example")
class ChatApplicationTest {

    @TempDir
    Path folder;

    private String run(String url) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try (ConfigurableApplicationContext ignored = SpringApplication.run(ChatApplication.class,
                "--agent-session.url=" + url)) {
            return bytes.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(original);
        }
    }

    @Test
    @DisplayName("keeps the conversation in the SQLite file, and the next run finds it")
    void twoRuns() {
        String url = "sqlite:" + folder.resolve("example.db");
        assertThat(run(url)).contains("user> Hello, my name is Ada.")
                .contains("model> You have said 1 thing(s): Hello, my name is Ada.")
                .contains("Stored conversation (2 events)");
        assertThat(run(url)).contains("user> Do you remember me?")
                .contains("model> You have said 2 thing(s): Hello, my name is Ada. / Do you remember me?")
                .contains("Stored conversation (4 events)");
    }
}
