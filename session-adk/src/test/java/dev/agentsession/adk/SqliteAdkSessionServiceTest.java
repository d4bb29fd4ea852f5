package dev.agentsession.adk;

import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("ADK session service on SQLite")
class SqliteAdkSessionServiceTest extends AdkSessionServiceContract {

    @TempDir
    Path folder;

    @Override
    SessionService openStore() {
        return SessionServices.open("sqlite:" + folder.resolve("sessions.db"));
    }
}
