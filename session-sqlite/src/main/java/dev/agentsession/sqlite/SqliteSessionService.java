package dev.agentsession.sqlite;

import dev.agentsession.DataPaths;
import dev.agentsession.SessionStoreException;
import dev.agentsession.SessionStoreUnavailableException;
import dev.agentsession.internal.InputRules;
import dev.agentsession.sql.Migrations;
import dev.agentsession.sql.SchemaCheck;
import dev.agentsession.sql.SqlSessionService;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jooq.exception.DataAccessException;
import org.sqlite.SQLiteDataSource;

/**
 * A {@link dev.agentsession.SessionService} in one SQLite file, for desktop and single-machine
 * programs.
 *
 * <p>Every connection runs in WAL mode with {@code foreign_keys=ON} and {@code busy_timeout=5000}.
 * Writes go through one writer connection that threads of this process take in turn; the thread
 * that takes it runs every write queued at that moment in one explicit {@code BEGIN IMMEDIATE}
 * transaction, each in its own savepoint (group commit), so threads never fight over SQLite's write
 * lock and other processes on the same file wait for it instead of failing. Reads use a small pool
 * and run beside the writer. Both are Commons DBCP pools that keep prepared statements, which
 * sqlite-jdbc does not. The file's folder is created owner-only (0700) and the file 0600.
 *
 * <pre>{@code
 * try (SqliteSessionService store = SqliteSessionService.open(
 *         DataPaths.databaseFile("my-agent", "sessions.db"))) {
 *     Session session = store.create(CreateRequest.of("my-agent", "alice", "assistant"));
 *     session.addEvent(AddEventOptions.of("user", "Hello"));
 * }
 * }</pre>
 */
public final class SqliteSessionService extends SqlSessionService {

    private final Path file;
    private final SqliteDatabase sqlite;

    private SqliteSessionService(Path file, SqliteDatabase database) {
        super(database);
        this.file = file;
        this.sqlite = database;
    }

    /**
     * Opens (creating if needed) the store in {@code file} with the default settings.
     *
     * @throws SessionStoreException if the file cannot be created, opened or migrated
     */
    public static SqliteSessionService open(Path file) {
        return builder().path(file).build();
    }

    /** Starts configuring a store. */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the absolute path of the database file */
    public Path path() {
        return file;
    }

    /**
     * Writes a consistent copy of the whole store to {@code target} while the store stays in use
     * ({@code VACUUM INTO}): the copy holds everything committed before the backup started and
     * nothing half-written. The copy is a compact, ordinary SQLite file, created 0600.
     *
     * @param target where to write; must not exist yet, or be an empty file
     * @return the absolute path of the copy
     * @throws IllegalArgumentException if {@code target} is a non-empty file
     * @throws SessionStoreException if the copy cannot be written; no partial copy is left
     */
    public Path backup(Path target) {
        InputRules.requireNonNull("target", target);
        checkOpen();
        Path absolute = target.toAbsolutePath().normalize();
        boolean created = createPrivateFile(absolute);
        try {
            if (Files.size(absolute) > 0) {
                throw new IllegalArgumentException("target " + absolute + " already exists and is not empty");
            }
        } catch (IOException e) {
            throw new SessionStoreException("cannot inspect backup target " + absolute, e);
        }
        try (Connection connection = sqlite.readPool().getConnection();
             PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, absolute.toString());
            vacuum.execute();
            return absolute;
        } catch (SQLException e) {
            if (created) {
                deleteQuietly(absolute, e);
            }
            throw SqliteDialect.INSTANCE.failure("backing up " + file + " to " + absolute + " failed",
                    new DataAccessException(e.getMessage(), e));
        }
    }

    /** Creates an empty file readable only by its owner, and its folders; false if it existed. */
    static boolean createPrivateFile(Path file) {
        Path parent = file.getParent();
        if (parent != null) {
            DataPaths.createPrivateDirectories(parent);
        }
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            return true;
        } catch (FileAlreadyExistsException exists) {
            return false;
        } catch (IOException e) {
            throw new SessionStoreException("cannot create " + file, e);
        }
    }

    private static void deleteQuietly(Path file, Exception failure) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Configures a {@link SqliteSessionService}. */
    public static final class Builder {
        private Path path;
        private Synchronous synchronous = Synchronous.NORMAL;
        private int readPoolSize = 4;
        private boolean migrate = true;
        private Duration lockWait = SqliteDatabase.DEFAULT_LOCK_WAIT;
        private boolean createIfMissing = true;
        private boolean readOnly;

        private Builder() {
        }

        /** The database file; required. Missing folders are created owner-only. */
        public Builder path(Path path) {
            this.path = path;
            return this;
        }

        /** Durability of each commit; {@link Synchronous#NORMAL} by default. */
        public Builder synchronous(Synchronous synchronous) {
            this.synchronous = Objects.requireNonNull(synchronous, "synchronous");
            return this;
        }

        /** Reader connections kept open, 1 or more; 4 by default. */
        public Builder readPoolSize(int readPoolSize) {
            this.readPoolSize = readPoolSize;
            return this;
        }

        /**
         * How long a write waits for the file's write lock while another process holds it before
         * it fails with {@link SessionStoreUnavailableException}; 30 seconds by default, at least
         * 1 ms. Threads of this process never wait here: they queue for the one writer.
         *
         * @param lockWait the longest wait
         * @return this builder
         */
        public Builder lockWait(Duration lockWait) {
            this.lockWait = Objects.requireNonNull(lockWait, "lockWait");
            return this;
        }

        /**
         * Whether to create or upgrade the schema on open ({@code true} by default). When
         * {@code false}, the schema must already match this version, or opening fails.
         */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /**
         * Whether a missing file (and its folders) is created ({@code true} by default). When
         * {@code false}, opening a path where no file exists fails and creates nothing: what a
         * tool that only looks at a store wants for a mistyped path.
         */
        public Builder createIfMissing(boolean createIfMissing) {
            this.createIfMissing = createIfMissing;
            return this;
        }

        /**
         * Opens the file read-only ({@code false} by default): SQLite opens it with
         * {@code SQLITE_OPEN_READONLY}, so a file its user may only read can be looked at, and
         * every write fails with {@link SessionStoreException}. Implies no migration and no
         * creation; the file must hold this version's schema.
         */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /**
         * Opens the store.
         *
         * @throws IllegalArgumentException if no path is set, the pool size is below 1, the path
         *     is a folder, or no file exists there while {@code createIfMissing} is off or the
         *     store is read-only
         * @throws SessionStoreException if the file cannot be created, opened or migrated, or,
         *     without migration, its schema does not match
         */
        public SqliteSessionService build() {
            InputRules.requireNonNull("path", path);
            if (readPoolSize < 1) {
                throw new IllegalArgumentException("readPoolSize must be at least 1, was " + readPoolSize);
            }
            if (lockWait.toMillis() < 1) {
                throw new IllegalArgumentException("lockWait must be at least 1 ms, was " + lockWait);
            }
            Path file = path.toAbsolutePath().normalize();
            if (Files.isDirectory(file)) {
                throw new IllegalArgumentException("path " + file + " is a directory, not a database file");
            }
            if ((readOnly || !createIfMissing) && !Files.exists(file)) {
                throw new IllegalArgumentException("no SQLite store at " + file + ": the file does not exist");
            }
            if (!readOnly) {
                createPrivateFile(file);
            }
            var config = SqliteDatabase.config(synchronous, lockWait, readOnly);
            SQLiteDataSource plain = new SQLiteDataSource(config);
            plain.setUrl(SqliteDatabase.url(file));
            if (migrate && !readOnly) {
                Migrations.migrate(plain, SqliteDialect.INSTANCE.migrationFolder(), "SQLite file " + file);
            } else {
                Migrations.requireKnownVersion(plain, SqliteDialect.INSTANCE.migrationFolder(), "SQLite file " + file);
            }
            SqliteDatabase database = new SqliteDatabase(file, config, readPoolSize, lockWait);
            if (!migrate || readOnly) {
                List<String> differences = SchemaCheck.differences(database);
                if (!differences.isEmpty()) {
                    database.close();
                    throw new SessionStoreException("the SQLite file " + file + " does not hold this"
                            + " version's schema (open it with migrate on): " + String.join("; ", differences));
                }
            }
            return new SqliteSessionService(file, database);
        }
    }
}
