package dev.agentsession.cli;

import dev.agentsession.SessionService;
import dev.agentsession.sqlite.SqliteSessionService;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Backs up a SQLite store while it stays in use. */
@Command(name = "backup", description = "Back up a SQLite store to a file, consistently, while it stays in use.")
final class BackupCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--to", required = true, description = "the backup file to write")
    Path to;

    @Override
    public Integer call() {
        try (SessionService service = store.open(StoreOptions.Access.READ)) {
            if (!(service instanceof SqliteSessionService sqlite)) {
                throw new IllegalArgumentException("backup is for SQLite stores; back up " + service
                        + " with its server's tools (pg_dump, mariadb-dump)");
            }
            Path written = sqlite.backup(to);
            System.out.println("backed up to " + written);
        }
        return 0;
    }
}
