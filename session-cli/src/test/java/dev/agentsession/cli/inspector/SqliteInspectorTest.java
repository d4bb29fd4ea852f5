package dev.agentsession.cli.inspector;

import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The inspector over a SQLite file. */
class SqliteInspectorTest extends InspectorApiContract {

    @TempDir
    Path folder;

    @Override
    protected SessionService openEmptyStore() {
        return SessionServices.open("sqlite:" + folder.resolve("inspected.db"));
    }
}
