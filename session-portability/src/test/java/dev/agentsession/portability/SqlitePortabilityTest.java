package dev.agentsession.portability;

import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("export and import on SQLite")
class SqlitePortabilityTest extends PortabilityContract {

    @TempDir
    Path folder;
    private final AtomicInteger files = new AtomicInteger();

    @Override
    SessionService freshStore() {
        return SessionServices.open("sqlite:" + folder.resolve("store-" + files.incrementAndGet() + ".db"));
    }
}
