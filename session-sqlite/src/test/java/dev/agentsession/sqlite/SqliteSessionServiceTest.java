package dev.agentsession.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.DeleteRequest;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import dev.agentsession.SessionStoreConfig;
import dev.agentsession.SessionStoreException;
import dev.agentsession.SessionStoreUnavailableException;
import dev.agentsession.internal.StateDelta;
import dev.agentsession.sql.Migrations;
import dev.agentsession.sql.SchemaCheck;
import dev.agentsession.sql.SqlSessionService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.commons.dbcp2.DelegatingStatement;
import org.apache.commons.dbcp2.PoolablePreparedStatement;
import org.flywaydb.core.Flyway;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

@DisplayName("SQLite backend specifics")
class SqliteSessionServiceTest {

    @TempDir
    Path temp;

    /** Runs a query with a plain JDBC connection, outside the library. */
    private static List<String> query(Path file, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    /** A program's own DataSource on the file, outside the library. */
    private static SQLiteDataSource dataSource(Path file) {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + file);
        return dataSource;
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().collect(Collectors.toList());
    }

    @Test
    @DisplayName("opened over a program's SQLite DataSource, the store opens at that file with its own connections")
    void opensAtTheDataSourcesFile() throws Exception {
        Path file = temp.resolve("from-datasource.db");
        SQLiteDataSource dataSource = dataSource(file);

        String id;
        try (SessionService service = SessionServices.open(dataSource, true)) {
            id = service.create(CreateRequest.of("app", "user", "agent")).id();
            assertThat(((SqlSessionService) service).schemaVersion()).isEqualTo("5");
        }

        assertThat(query(file, "select id from sessions")).containsExactly(id);
    }

    @Test
    @DisplayName("every pooled connection runs in WAL mode with foreign keys on, a busy timeout and the chosen sync level")
    void connectionSettings() throws Exception {
        for (Synchronous level : Synchronous.values()) {
            Path file = temp.resolve(level + ".db");
            try (SqliteSessionService store = SqliteSessionService.builder().path(file).synchronous(level)
                    .readPoolSize(3).build()) {
                var pool = ((SqliteDatabase) store.database()).readPool();
                List<Connection> held = new ArrayList<>();
                try {
                    for (int i = 0; i < 3; i++) {
                        held.add(pool.getConnection());
                    }
                    for (Connection connection : held) {
                        var dsl = DSL.using(connection);
                        assertThat(dsl.fetchValue("PRAGMA journal_mode")).isEqualTo("wal");
                        assertThat(dsl.fetchValue("PRAGMA foreign_keys").toString()).isEqualTo("1");
                        assertThat(dsl.fetchValue("PRAGMA busy_timeout").toString()).isEqualTo("5000");
                        assertThat(dsl.fetchValue("PRAGMA synchronous").toString())
                                .isEqualTo(level == Synchronous.FULL ? "2" : "1");
                    }
                } finally {
                    for (Connection connection : held) {
                        connection.close();
                    }
                }
            }
            assertThat(query(file, "PRAGMA journal_mode")).containsExactly("wal");
        }
    }

    @Test
    @DisplayName("a statement the pool takes back stays prepared: taken again it is the same statement, runs with the new values, and cleared values read as NULL")
    void pooledStatementsStayPrepared() throws Exception {
        try (SqliteSessionService store = SqliteSessionService.builder().path(temp.resolve("pooled.db"))
                .readPoolSize(1).build()) {
            var pool = ((SqliteDatabase) store.database()).readPool();
            String sql = "SELECT ? + 1";
            Statement first;
            try (Connection connection = pool.getConnection();
                 PreparedStatement statement = connection.prepareStatement(sql)) {
                first = ((DelegatingStatement) statement).getInnermostDelegate();
                statement.setInt(1, 41);
                assertThat(single(statement)).isEqualTo(42);
            }
            try (Connection connection = pool.getConnection();
                 PreparedStatement statement = connection.prepareStatement(sql)) {
                assertThat(((DelegatingStatement) statement).getInnermostDelegate()).isSameAs(first);
                assertThat(connection.unwrap(SQLiteConnection.class)).isInstanceOf(PooledSqliteConnection.class);
                assertThat(single(statement)).as("the pool cleared the last run's value").isNull();
                statement.setInt(1, 6);
                assertThat(single(statement)).isEqualTo(7);
                statement.clearParameters();
                assertThat(single(statement)).isNull();
            }
        }
    }

    @Test
    @DisplayName("reads and writes take their statements straight from the statement pool, with no new wrapper per call, and give back what they borrowed")
    void statementsComeStraightFromThePool() throws Exception {
        try (SqliteSessionService store = SqliteSessionService.builder().path(temp.resolve("layers.db"))
                .readPoolSize(1).build()) {
            SqliteDatabase database = (SqliteDatabase) store.database();
            List<PreparedStatement> taken = new ArrayList<>();
            for (int value : new int[] {41, 6}) {
                Object answer = database.reader().connectionResult(connection -> {
                    try (PreparedStatement statement = connection.prepareStatement("SELECT ? + 1")) {
                        taken.add(statement);
                        statement.setInt(1, value);
                        return single(statement);
                    }
                });
                assertThat(answer).isEqualTo(value + 1);
            }
            assertThat(taken.get(0)).isInstanceOf(PoolablePreparedStatement.class).isSameAs(taken.get(1));
            assertThat(database.readPool().getNumActive()).as("connections still borrowed").isZero();

            PreparedStatement written = database.transaction(dsl -> dsl.connectionResult(connection -> {
                try (PreparedStatement statement = connection.prepareStatement("SELECT 1")) {
                    return statement;
                }
            }));
            assertThat(written).isInstanceOf(PoolablePreparedStatement.class);
            store.create(CreateRequest.of("app", "user", "agent")).addEvent(AddEventOptions.builder("user")
                    .content("still writes").build());
        }
    }

    private static Object single(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            assertThat(rows.next()).isTrue();
            return rows.getObject(1);
        }
    }

    @Test
    @DisplayName("a store at schema 3 with state in every tier upgrades to state tables keyed by their primary key alone, keeping every value and the cascade")
    void stateTablesLoseTheirRowid() throws Exception {
        Path file = temp.resolve("schema-3.db");
        SQLiteDataSource dataSource = dataSource(file);
        Flyway.configure().dataSource(dataSource).locations("classpath:dev/agentsession/migration/sqlite")
                .table(Migrations.HISTORY).target("3").load().migrate();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO sessions (id, app_name, user_id, agent_id, created_at, updated_at)"
                    + " VALUES ('kept', 'app', 'user', 'agent', 0, 0)");
            statement.execute("INSERT INTO session_state (session_pk, state_key, state_value)"
                    + " VALUES (1, 'done', 'true'), (1, 'city', '\"Kyoto\"')");
            statement.execute("INSERT INTO app_state (app_name, state_key, state_value) VALUES ('app', 'mode', '\"fast\"')");
            statement.execute("INSERT INTO user_state (app_name, user_id, state_key, state_value)"
                    + " VALUES ('app', 'user', 'units', '{\"temperature\":\"C\"}')");
        }

        try (SqliteSessionService store = SqliteSessionService.open(file)) {
            Session session = store.get(new GetRequest("app", "user", "kept")).orElseThrow();
            assertThat(session.state()).containsExactlyInAnyOrderEntriesOf(Map.of("done", true, "city", "Kyoto",
                    "app:mode", "fast", "user:units", Map.of("temperature", "C")));
            assertThat(query(file, "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%WITHOUT ROWID'"
                    + " ORDER BY name")).containsExactly("app_state", "session_state", "user_state");

            session.addEvent(AddEventOptions.builder("agent").stateDelta(Map.of("city", "Osaka", "app:mode", "slow"))
                    .build());
            assertThat(store.get(new GetRequest("app", "user", "kept")).orElseThrow().state())
                    .containsEntry("city", "Osaka").containsEntry("app:mode", "slow").containsEntry("done", true);
            assertThat(store.delete(new DeleteRequest("app", "user", "kept"))).isTrue();
        }
        assertThat(query(file, "SELECT count(*) FROM session_state")).containsExactly("0");
        assertThat(query(file, "SELECT count(*) FROM user_state")).containsExactly("1");
        assertThat(query(file, "SELECT max(version) FROM " + Migrations.HISTORY)).containsExactly("5");
        // a key written before the upgrade is measured by the library's rule
        assertThat(query(file, "SELECT entry_bytes FROM user_state"))
                .containsExactly(String.valueOf(StateDelta.entryBytes("units", Map.of("temperature", "C"))));
    }

    @Test
    @DisplayName("WAL checkpoints run on the store's own thread: after a burst of appends the WAL is copied back without a caller waiting")
    void checkpointsOffTheWriter() throws Exception {
        Path file = temp.resolve("checkpoints.db");
        try (SqliteSessionService store = SqliteSessionService.open(file)) {
            SqliteDatabase database = (SqliteDatabase) store.database();
            Session session = store.create(CreateRequest.of("app", "user", "agent"));
            String text = "x".repeat(2_000);
            for (int i = 0; i < WalCheckpointer.COMMITS; i++) {
                session.addEvent(AddEventOptions.of("user", text));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (database.checkpoints() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(database.checkpoints()).as("checkpoints run by the thread").isPositive();

            // nothing left to copy: the thread's checkpoint took every frame the appends wrote
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                 Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                result.next();
                assertThat(result.getInt(2)).as("frames in the WAL").isPositive();
                assertThat(result.getInt(3)).as("frames copied back").isEqualTo(result.getInt(2));
            }
            assertThat(session.events(EventsOptions.all())).hasSize(WalCheckpointer.COMMITS);
        }
        assertThat(query(file, "select count(*) from events")).containsExactly(String.valueOf(WalCheckpointer.COMMITS));
    }

    @Test
    @DisplayName("the folder is created 0700 and the file 0600")
    void ownerOnlyFiles() throws IOException {
        Path file = temp.resolve("new").resolve("deeper").resolve("sessions.db");
        try (SqliteSessionService store = SqliteSessionService.open(file)) {
            store.create(CreateRequest.of("app", "user", "agent"));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("new"))))
                .isEqualTo("rwx------");
    }

    @Test
    @DisplayName("with createIfMissing off or read-only, a path where no file exists is refused by name and nothing is created")
    void missingFileRefused() {
        Path file = temp.resolve("typo").resolve("sessions.db");

        assertThatThrownBy(() -> SqliteSessionService.builder().path(file).createIfMissing(false).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no SQLite store at " + file + ": the file does not exist");
        assertThatThrownBy(() -> SessionServices.open(SessionStoreConfig.builder("sqlite:" + file)
                .option("readOnly", "true").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no SQLite store at " + file);

        assertThat(temp.resolve("typo")).doesNotExist();
    }

    @Test
    @DisplayName("read-only, a store is read as it is, every write fails naming the file, and the file is left unchanged")
    void readOnly() throws Exception {
        Path file = temp.resolve("sessions.db");
        try (SqliteSessionService store = SqliteSessionService.open(file)) {
            store.create(CreateRequest.builder("app", "user", "agent").sessionId("s1").build())
                    .addEvent(AddEventOptions.of("user", "hello"));
        }
        byte[] before = Files.readAllBytes(file);

        try (SessionService store = SessionServices.open(SessionStoreConfig.builder("sqlite:" + file)
                .option("readOnly", "true").build())) {
            Session session = store.get(new GetRequest("app", "user", "s1")).orElseThrow();
            assertThat(session.events(EventsOptions.all())).extracting(Event::content).containsExactly("hello");
            assertThatThrownBy(() -> session.addEvent(AddEventOptions.of("user", "more")))
                    .isInstanceOf(SessionStoreException.class).hasMessageContaining(file.toString())
                    .hasStackTraceContaining("readonly");
            assertThatThrownBy(() -> store.create(CreateRequest.of("app", "user", "agent")))
                    .isInstanceOf(SessionStoreException.class);
        }

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    @DisplayName("deleting a session deletes its event rows in the file, not only from view")
    void cascadeDeletesRows() throws SQLException {
        Path file = temp.resolve("cascade.db");
        try (SqliteSessionService store = SqliteSessionService.open(file)) {
            Session doomed = store.create(CreateRequest.of("app", "user", "agent"));
            Session kept = store.create(CreateRequest.of("app", "user", "agent"));
            for (int i = 0; i < 5; i++) {
                doomed.addEvent(AddEventOptions.of("user", "doomed " + i));
            }
            kept.addEvent(AddEventOptions.of("user", "kept"));
            assertThat(query(file, "SELECT count(*) FROM events")).containsExactly("6");

            assertThat(store.delete(new DeleteRequest("app", "user", doomed.id()))).isTrue();

            assertThat(query(file, "SELECT count(*) FROM events")).containsExactly("1");
            assertThat(query(file, "SELECT content FROM events")).containsExactly("kept");
            assertThat(store.deleteSessionsUpdatedBefore(java.time.Instant.now().plusSeconds(1), "app", null))
                    .isEqualTo(1);
            assertThat(query(file, "SELECT count(*) FROM events")).containsExactly("0");
            assertThat(query(file, "SELECT count(*) FROM sessions")).containsExactly("0");
        }
    }

    @Test
    @DisplayName("a write that waits longer than lockWait for another process's lock fails as unavailable, and writes nothing")
    void lockWaitExhausted() throws Exception {
        Path file = temp.resolve("locked.db");
        try (SqliteSessionService store = SqliteSessionService.builder().path(file)
                .lockWait(Duration.ofMillis(300)).build();
             Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = other.createStatement()) {
            Session session = store.create(CreateRequest.of("app", "user", "agent"));
            statement.execute("BEGIN IMMEDIATE");

            assertThatThrownBy(() -> session.addEvent(AddEventOptions.of("user", "blocked")))
                    .isInstanceOf(SessionStoreUnavailableException.class)
                    .hasMessageContaining("appending an event")
                    .hasRootCauseInstanceOf(SQLException.class);

            statement.execute("ROLLBACK");
            assertThat(session.events(EventsOptions.all())).isEmpty();
            assertThat(session.addEvent(AddEventOptions.of("user", "after")).sequence()).isEqualTo(1);
        }
        assertThatThrownBy(() -> SqliteSessionService.builder().path(file).lockWait(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lockWait");
    }

    @Test
    @DisplayName("the migrated file matches the generated classes, and the check does see a difference")
    void noDrift() throws SQLException {
        Path file = temp.resolve("drift.db");
        try (SqliteSessionService store = SqliteSessionService.open(file)) {
            assertThat(SchemaCheck.differences(store.database())).isEmpty();
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE events ADD COLUMN surprise TEXT");
        }
        try (SqliteSessionService store = SqliteSessionService.open(file)) {
            assertThat(SchemaCheck.differences(store.database()))
                    .containsExactly("column events.surprise is not in the generated classes");
        }
    }

    @Test
    @DisplayName("with migration off, a file without the schema is refused with the differences")
    void migrateOffNeedsSchema() {
        Path file = temp.resolve("empty.db");
        assertThatThrownBy(() -> SqliteSessionService.builder().path(file).migrate(false).build())
                .isInstanceOf(SessionStoreException.class)
                .hasMessageContaining("table sessions is missing")
                .hasMessageContaining("table events is missing");

        SqliteSessionService.open(file).close();
        try (SqliteSessionService store = SqliteSessionService.builder().path(file).migrate(false).build()) {
            assertThat(store.create(CreateRequest.of("app", "user", "agent")).id()).isNotBlank();
        }
    }

    @Test
    @DisplayName("a file that is not a SQLite database fails to open with the cause")
    void garbageFile() throws IOException {
        Path file = temp.resolve("garbage.db");
        Files.writeString(file, "this is not a database, just some text that is long enough ".repeat(20));
        assertThatThrownBy(() -> SqliteSessionService.open(file))
                .isInstanceOf(SessionStoreException.class)
                .hasMessageContaining(file.toString())
                .hasCauseInstanceOf(Exception.class);
    }

    @Test
    @DisplayName("a directory is not a database file")
    void directoryIsRefused() {
        assertThatThrownBy(() -> SqliteSessionService.open(temp))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a directory");
    }

    @Test
    @DisplayName("the SQLite page's example: open a file, append a turn, back it up beside the file")
    void sqlitePageExample() throws Exception {
        Path file = temp.resolve("my-agent").resolve("sessions.db");
        // tag::sqlite-page[]
        try (SqliteSessionService store = SqliteSessionService.open(file)) {
            Session session = store.create(CreateRequest.of("my-agent", "alice", "assistant"));
            session.addEvent(AddEventOptions.of("user", "Hello"));
            store.backup(file.resolveSibling("sessions-backup.db"));
        }
        // end::sqlite-page[]
        try (SqliteSessionService backup = SqliteSessionService.open(file.resolveSibling("sessions-backup.db"))) {
            Session copied = backup.list(ListRequest.all("my-agent", "alice")).get(0);
            assertThat(copied.events(EventsOptions.all())).extracting(Event::content).containsExactly("Hello");
        }
    }

    @Test
    @DisplayName("a backup taken while another thread appends opens and holds everything written before it started")
    void backupWhileInUse() throws Exception {
        Path file = temp.resolve("live.db");
        try (SqliteSessionService store = SqliteSessionService.open(file)) {
            Session session = store.create(CreateRequest.builder("app", "user", "agent").sessionId("busy").build());
            for (int i = 0; i < 200; i++) {
                session.addEvent(AddEventOptions.of("user", "before " + i));
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong acknowledged = new AtomicLong();
            ExecutorService writer = Executors.newSingleThreadExecutor();
            try {
                Future<?> writes = writer.submit(() -> {
                    while (!stop.get()) {
                        acknowledged.set(session.addEvent(AddEventOptions.of("agent", "during")).sequence());
                    }
                });
                while (acknowledged.get() < 250) {
                    Thread.sleep(1);
                }
                long beforeBackup = acknowledged.get();
                Path copy = store.backup(temp.resolve("backups").resolve("copy.db"));
                stop.set(true);
                writes.get(1, TimeUnit.MINUTES);

                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-------");
                assertThat(query(copy, "PRAGMA integrity_check")).containsExactly("ok");
                try (SqliteSessionService restored = SqliteSessionService.open(copy)) {
                    List<Event> events = restored.get(new GetRequest("app", "user", "busy")).orElseThrow()
                            .events(EventsOptions.all());
                    assertThat(events.size()).isGreaterThanOrEqualTo((int) beforeBackup);
                    assertThat(events).extracting(Event::sequence).isEqualTo(range(1, events.size()));
                    assertThat(events.get(0).content()).isEqualTo("before 0");
                }
            } finally {
                stop.set(true);
                writer.shutdownNow();
            }
        }
    }

    @Test
    @DisplayName("a backup never overwrites a file that holds data")
    void backupRefusesNonEmptyTarget() throws IOException {
        Path target = temp.resolve("precious.txt");
        Files.writeString(target, "keep me");
        try (SqliteSessionService store = SqliteSessionService.open(temp.resolve("b.db"))) {
            assertThatThrownBy(() -> store.backup(target)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not empty");
        }
        assertThat(Files.readString(target)).isEqualTo("keep me");
    }

    @Test
    @DisplayName("the file is readable by the sqlite3 command-line tool")
    void readableBySqlite3() throws Exception {
        Path sqlite3 = Path.of("/usr/bin/sqlite3");
        assumeTrue(Files.isExecutable(sqlite3), "skipped: the sqlite3 tool is not installed at /usr/bin/sqlite3"
                + " (apt-get install sqlite3)");
        Path file = temp.resolve("tool.db");
        try (SqliteSessionService store = SqliteSessionService.open(file)) {
            Session session = store.create(CreateRequest.builder("app", "user", "agent").sessionId("visible").build());
            session.addEvent(AddEventOptions.of("user", "héllo 東京"));
        }
        Process process = new ProcessBuilder(sqlite3.toString(), file.toString(),
                "PRAGMA integrity_check; SELECT s.id || '|' || e.sequence || '|' || e.content"
                        + " FROM events e JOIN sessions s ON s.pk = e.session_pk;")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.lines()).containsExactly("ok", "visible|1|héllo 東京");
    }

    @Test
    @DisplayName("two stores on one file, as two processes would be, both write without waiting on an idle writer")
    void twoStoresOnOneFile() throws Exception {
        Path file = temp.resolve("shared.db");
        try (SqliteSessionService first = SqliteSessionService.open(file);
             SqliteSessionService second = SqliteSessionService.open(file)) {
            Session session = first.create(CreateRequest.builder("app", "user", "agent").sessionId("s").build());
            session.addEvent(AddEventOptions.of("user", "first store, then idle"));

            Session same = second.get(new GetRequest("app", "user", "s")).orElseThrow();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> writes = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    Session target = t % 2 == 0 ? session : same;
                    writes.add(pool.submit(() -> {
                        for (int i = 0; i < 100; i++) {
                            target.addEvent(AddEventOptions.of("user", "x"));
                        }
                    }));
                }
                for (Future<?> write : writes) {
                    write.get(2, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(session.events(EventsOptions.all())).extracting(Event::sequence).isEqualTo(range(1, 401));
        }
    }

    @Test
    @DisplayName("in a group commit a failing write fails alone: the others in its batch are kept")
    void groupCommitIsolatesFailures() throws Exception {
        Path file = temp.resolve("group.db");
        try (SqliteSessionService store = SqliteSessionService.open(file)) {
            Session live = store.create(CreateRequest.builder("app", "user", "agent").sessionId("live").build());
            Session gone = store.create(CreateRequest.builder("app", "user", "agent").sessionId("gone").build());
            store.delete(new DeleteRequest("app", "user", "gone"));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    boolean toGone = t % 2 == 1;
                    work.add(pool.submit(() -> {
                        for (int i = 0; i < 100; i++) {
                            if (toGone) {
                                try {
                                    gone.addEvent(AddEventOptions.of("user", "lost"));
                                } catch (dev.agentsession.SessionNotFoundException expected) {
                                    refused.incrementAndGet();
                                }
                            } else {
                                live.addEvent(AddEventOptions.of("user", "kept"));
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> future : work) {
                    future.get(2, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(refused.get()).isEqualTo(400);
            assertThat(live.events(EventsOptions.all())).extracting(Event::sequence).isEqualTo(range(1, 400));
            assertThat(query(file, "SELECT count(*) FROM events")).containsExactly("400");
        }
    }

    @Test
    @DisplayName("sqlite: and jdbc:sqlite: URLs open the file, with the synchronous option")
    void urls() {
        Path file = temp.resolve("url.db");
        try (SessionService store = SessionServices.open("sqlite:" + file)) {
            store.create(CreateRequest.builder("app", "user", "agent").sessionId("via-url").build());
        }
        try (SessionService store = SessionServices.open(SessionStoreConfig.builder("jdbc:sqlite:" + file)
                .option("synchronous", "full").maxPoolSize(2).build())) {
            assertThat(store).isInstanceOf(SqliteSessionService.class);
            assertThat(((SqliteSessionService) store).database().reader().fetchValue("PRAGMA synchronous").toString())
                    .isEqualTo("2");
            assertThat(store.get(new GetRequest("app", "user", "via-url"))).isPresent();
        }
    }

    @Test
    @DisplayName("bad URLs and options are refused with what was wrong")
    void badUrls() {
        for (String memory : List.of("sqlite::memory:", "jdbc:sqlite::memory:", "sqlite:file:x?mode=memory",
                "jdbc:sqlite:file:shared?cache=shared&mode=memory", "sqlite:file::memory:?cache=shared")) {
            assertThatThrownBy(() -> SessionServices.open(memory)).as(memory)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("in-memory SQLite database is not supported")
                    .hasMessageContaining("use memory:");
        }
        assertThat(temp.resolve("x")).doesNotExist();
        assertThatThrownBy(() -> SessionServices.open("sqlite:"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no file");
        assertThatThrownBy(() -> SessionServices.open(SessionStoreConfig.builder("sqlite:" + temp.resolve("o.db"))
                .option("synchronous", "sometimes").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NORMAL or FULL");
        assertThatThrownBy(() -> SessionServices.open(SessionStoreConfig.builder("sqlite:" + temp.resolve("o.db"))
                .option("journal", "off").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown SQLite option 'journal'");
    }
}
