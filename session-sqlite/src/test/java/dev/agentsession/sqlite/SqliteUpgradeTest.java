package dev.agentsession.sqlite;

import dev.agentsession.conformance.UpgradeConformance;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("SQLite upgrade from release 0.1")
class SqliteUpgradeTest extends UpgradeConformance {

    private static final AtomicInteger COPIES = new AtomicInteger();

    @TempDir
    Path temp;

    @Override
    protected int currentSchemaVersion() {
        return 5;
    }

    @Override
    protected String restoreReleaseZeroOneStore() throws Exception {
        Path file = temp.resolve("release-0.1-" + COPIES.incrementAndGet() + ".db");
        try (InputStream fixture = getClass().getResourceAsStream("/upgrade/v2/sessions.db")) {
            Files.copy(fixture, file);
        }
        return "jdbc:sqlite:" + file;
    }
}
