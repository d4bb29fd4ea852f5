package dev.agentsession.adk;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("ADK Runner on SQLite")
class SqliteAdkRunnerTest extends AdkRunnerContract {

    @TempDir
    Path folder;

    @Override
    String freshStoreUrl() {
        return "sqlite:" + folder.resolve("agent.db");
    }
}
