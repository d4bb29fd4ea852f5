package dev.agentsession.examples.adk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.conformance.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the ADK example")
class AdkWeatherAgentTest {

    @TempDir
    Path folder;

    @Test
    @DisplayName("calls the tool, answers, and on the next run resumes the stored conversation (SQLite file)")
    void sqlite() {
        assertTwoRuns(folder.resolve("weather.db").toString());
    }

    @Test
    @DisplayName("does the same on PostgreSQL")
    void postgres() throws Exception {
        assertTwoRuns(TestDatabase.POSTGRES.freshStoreUrl(() -> null));
    }

    @Test
    @DisplayName("does the same on MariaDB")
    void mariadb() throws Exception {
        assertTwoRuns(TestDatabase.MYSQL.freshStoreUrl(() -> null));
    }

    private static void assertTwoRuns(String target) {
        String first = run(target);
        assertThat(first)
                .contains("user> What is the weather in Kyoto?")
                .contains("weather_agent> It is sunny in Kyoto, 21 degrees.")
                .contains("1. user: What is the weather in Kyoto?")
                .contains("2. weather_agent [tool getWeather {city=Kyoto}]")
                .contains("3. weather_agent [tool getWeather {city=Kyoto} -> {")
                .contains("4. weather_agent: It is sunny in Kyoto, 21 degrees.")
                .contains("State: {last_city=Kyoto, user:name=Ada}");

        String second = run(target);
        assertThat(second)
                .contains("Resuming session kyoto-trip with 4 events")
                .contains("weather_agent> You are welcome. You have asked me 2 questions in this conversation")
                .contains("5. user: Thank you! How many questions have I asked?")
                .contains("6. weather_agent: You are welcome.");
    }

    private static String run(String target) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AdkWeatherAgent.run(target, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
