package dev.agentsession.sqlite;

import dev.agentsession.SessionService;
import dev.agentsession.conformance.Capability;
import dev.agentsession.conformance.SessionServiceConformance;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;

@DisplayName("SQLite backend conformance")
class SqliteSessionServiceConformanceTest extends SessionServiceConformance {

    private static final Path DIRECTORY = Path.of("target", "conformance-stores").toAbsolutePath();
    private static final AtomicInteger STORES = new AtomicInteger();

    private Path file;

    @Override
    protected SessionService openFresh() {
        file = DIRECTORY.resolve(ProcessHandle.current().pid() + "-" + STORES.incrementAndGet() + ".db");
        return SqliteSessionService.open(file);
    }

    @Override
    protected SessionService reopen() {
        return SqliteSessionService.open(file);
    }

    @Override
    protected String url() {
        return "sqlite:" + file;
    }

    @Override
    protected Set<Capability> capabilities() {
        return Set.of(Capability.REOPEN, Capability.URL, Capability.MULTI_PROCESS);
    }
}
