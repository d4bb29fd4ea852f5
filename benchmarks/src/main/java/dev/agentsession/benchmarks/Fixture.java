package dev.agentsession.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.agentsession.Action;
import dev.agentsession.AddEventOptions;
import dev.agentsession.SessionService;
import dev.agentsession.memory.MemorySessionService;
import dev.agentsession.mysql.MysqlSessionService;
import dev.agentsession.postgres.PostgresSessionService;
import dev.agentsession.sqlite.SqliteSessionService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * One store of one backend for a benchmark, with a plain pool on the same database for the
 * anchors and for bulk loading. The library's store and the anchors' pool use the same database,
 * the same durability settings and the same pool size.
 */
final class Fixture implements AutoCloseable {

    static final String POSTGRES_SERVER = System.getProperty("bench.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    static final String MARIADB_SERVER = System.getProperty("bench.mysql.url",
            "jdbc:mariadb://127.0.0.1:3306/test?user=root");
    static final int POOL_SIZE = 10;

    /** About 1 KB of content, as an assistant turn. */
    static final String CONTENT = ("The weather in Kyoto tomorrow: light rain in the morning, clearing by noon, "
            + "18 °C at its warmest. Take an umbrella and plan indoor visits before lunch. ").repeat(6);

    /** The metadata of every benchmark event, as a model's turn carries it. */
    static final Map<String, Object> METADATA = Map.of("model", "gemini-2.5-flash", "tokens", 412);

    /** The invocation id and branch of every benchmark event. */
    static final String INVOCATION_ID = "e-5f0c2a1b-invocation";
    static final String BRANCH = "root.weather";

    /**
     * The event the prebuilt variants write, built once: ~1 KB of content, one tool call,
     * metadata, an invocation id and a branch.
     */
    static final AddEventOptions EVENT = event();

    static final String ACTIONS_JSON =
            "[{\"toolName\":\"get_forecast\",\"input\":{\"city\":\"Kyoto\",\"days\":1},\"output\":{\"rain_mm\":3.5}}]";
    static final String METADATA_JSON = "{\"model\":\"gemini-2.5-flash\",\"tokens\":412}";

    /**
     * Builds and validates the benchmark event anew, as a program does for every turn: the
     * per-call variants pay this in every operation.
     */
    static AddEventOptions event() {
        return eventBuilder().build();
    }

    /** The benchmark event's builder, filled, for a variant to add to. */
    static AddEventOptions.Builder eventBuilder() {
        return AddEventOptions.builder("assistant").content(CONTENT).invocationId(INVOCATION_ID).branch(BRANCH)
                .action(Action.of("get_forecast", Map.of("city", "Kyoto", "days", 1), Map.of("rain_mm", 3.5)))
                .metadata(METADATA);
    }

    final Backend backend;
    final String jdbcUrl;
    final SessionService service;
    /** Plain JDBC for the write limit and loading: auto-commit off, one commit per transaction. */
    final HikariDataSource pool;
    /** Plain JDBC for the read limits: auto-commit on, so a read is one round trip. */
    final HikariDataSource readPool;

    private Fixture(Backend backend, String jdbcUrl, SessionService service, HikariDataSource pool) {
        this.backend = backend;
        this.jdbcUrl = jdbcUrl;
        this.service = service;
        this.pool = pool;
        if (pool == null) {
            this.readPool = null;
        } else {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(jdbcUrl);
            config.setDataSourceProperties(pool.getDataSourceProperties());
            config.setMaximumPoolSize(POOL_SIZE);
            config.setAutoCommit(true);
            this.readPool = new HikariDataSource(config);
        }
    }

    /**
     * Opens the store named {@code name} of a backend.
     *
     * @param fresh whether to empty it first; otherwise what an earlier run loaded is kept
     */
    static Fixture open(Backend backend, String name, boolean fresh) throws Exception {
        switch (backend) {
            case SQLITE -> {
                Path file = Path.of("target", "bench", name + ".db").toAbsolutePath();
                if (fresh) {
                    for (String suffix : new String[] {"", "-wal", "-shm"}) {
                        Files.deleteIfExists(Path.of(file + suffix));
                    }
                }
                SessionService service = SqliteSessionService.open(file);
                HikariConfig config = new HikariConfig();
                config.setJdbcUrl("jdbc:sqlite:" + file);
                org.sqlite.SQLiteConfig sqlite = new org.sqlite.SQLiteConfig();
                sqlite.setJournalMode(org.sqlite.SQLiteConfig.JournalMode.WAL);
                sqlite.setSynchronous(org.sqlite.SQLiteConfig.SynchronousMode.NORMAL);
                sqlite.enforceForeignKeys(true);
                sqlite.setBusyTimeout(5_000);
                config.setDataSourceProperties(sqlite.toProperties());
                config.setMaximumPoolSize(POOL_SIZE);
                config.setAutoCommit(false);
                return new Fixture(backend, "jdbc:sqlite:" + file, service, new HikariDataSource(config));
            }
            case POSTGRES -> {
                String schema = "agentsession_bench_" + name;
                try (Connection c = DriverManager.getConnection(POSTGRES_SERVER); Statement s = c.createStatement()) {
                    if (fresh) {
                        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                    }
                    s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                }
                String url = POSTGRES_SERVER + "&currentSchema=" + schema;
                SessionService service = PostgresSessionService.builder().url(url).maxPoolSize(POOL_SIZE).build();
                return new Fixture(backend, url, service, pool(url, false));
            }
            case MARIADB -> {
                String database = "agentsession_bench_" + name;
                try (Connection c = DriverManager.getConnection(MARIADB_SERVER); Statement s = c.createStatement()) {
                    if (fresh) {
                        s.execute("DROP DATABASE IF EXISTS " + database);
                    }
                    s.execute("CREATE DATABASE IF NOT EXISTS " + database);
                }
                String url = MARIADB_SERVER.replaceFirst("(//[^/?]+)/[^?]*", "$1/" + database);
                SessionService service = MysqlSessionService.builder().url(url).maxPoolSize(POOL_SIZE).build();
                return new Fixture(backend, url, service, pool(url, true));
            }
            default -> {
                return new Fixture(backend, null, MemorySessionService.create(), null);
            }
        }
    }

    private static HikariDataSource pool(String url, boolean serverPrepared) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setAutoCommit(false);
        if (serverPrepared) {
            config.addDataSourceProperty("useServerPrepStmts", "true");
        }
        return new HikariDataSource(config);
    }

    /** The internal key of a session, for the anchors. */
    long pk(String sessionId) throws SQLException {
        try (Connection c = pool.getConnection()) {
            long pk;
            try (PreparedStatement s = c.prepareStatement("SELECT pk FROM sessions WHERE id = ?")) {
                s.setString(1, sessionId);
                try (ResultSet rows = s.executeQuery()) {
                    rows.next();
                    pk = rows.getLong(1);
                }
            }
            c.commit();  // after the statement is closed, so no read snapshot stays open on SQLite
            return pk;
        }
    }

    /** The bind placeholder for a JSON value in this database. */
    String jsonParameter() {
        return backend == Backend.POSTGRES ? "CAST(? AS jsonb)" : "?";
    }

    /** The plain INSERT of one event row with every column the benchmark event fills. */
    String insertEvent() {
        return "INSERT INTO events (id, session_pk, sequence, invocation_id, branch, author, content, actions,"
                + " metadata, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, " + jsonParameter() + ", " + jsonParameter()
                + ", ?)";
    }

    /** Binds the benchmark event's values to {@link #insertEvent()}. */
    static void bindEvent(PreparedStatement insert, String id, long pk, long sequence, String author, long micros)
            throws SQLException {
        insert.setString(1, id);
        insert.setLong(2, pk);
        insert.setLong(3, sequence);
        insert.setString(4, INVOCATION_ID);
        insert.setString(5, BRANCH);
        insert.setString(6, author);
        insert.setString(7, CONTENT);
        insert.setString(8, ACTIONS_JSON);
        insert.setString(9, METADATA_JSON);
        insert.setLong(10, micros);
    }

    /**
     * Appends {@code count} events to a session straight through JDBC in large batches, as a bulk
     * load (not measured), continuing its sequence; then sets the session's last sequence.
     */
    void bulkLoad(long pk, long count) throws SQLException {
        synchronized (Fixture.class) {  // set-up threads of one fork load one at a time
            load(pk, count);
        }
    }

    private void load(long pk, long count) throws SQLException {
        try (Connection c = pool.getConnection()) {
            long last;
            try (PreparedStatement s = c.prepareStatement("SELECT last_sequence FROM sessions WHERE pk = ?")) {
                s.setLong(1, pk);
                try (ResultSet rows = s.executeQuery()) {
                    rows.next();
                    last = rows.getLong(1);
                }
            }
            c.commit();  // a read transaction must not turn into a write one (SQLite: BUSY_SNAPSHOT)
            long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
            try (PreparedStatement insert = c.prepareStatement(insertEvent())) {
                for (long i = 1; i <= count; i++) {
                    bindEvent(insert, UUID.randomUUID().toString(), pk, last + i, i % 2 == 0 ? "assistant" : "user",
                            micros);
                    insert.addBatch();
                    if (i % 2_000 == 0) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
                insert.executeBatch();
            }
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE sessions SET last_sequence = ?, updated_at = ? WHERE pk = ?")) {
                update.setLong(1, last + count);
                update.setLong(2, micros);
                update.setLong(3, pk);
                update.executeUpdate();
            }
            c.commit();
        }
    }

    /**
     * Brings the servers' planner statistics up to date after a load, as a server with its default
     * settings does by itself: PostgreSQL's autovacuum analyzes a table once a tenth of it has
     * changed, and InnoDB recounts its statistics the same way. The PostgreSQL server here runs with
     * autovacuum off, and there a store loaded without statistics had its user's 50 newest sessions
     * read by a bitmap scan and a sort of all 1,000 (p50 0.9 ms for the library and the limit alike)
     * instead of from the list index (0.21 ms for the limit, 0.34 for the library). SQLite and the
     * memory backend are left as the library leaves them.
     */
    void analyze() throws SQLException {
        String statement = switch (backend) {
            case POSTGRES -> "ANALYZE sessions, events, session_state, app_state, user_state";
            case MARIADB -> "ANALYZE TABLE sessions, events, session_state, app_state, user_state";
            default -> null;
        };
        if (statement == null) {
            return;
        }
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
            c.commit();
        }
    }

    /** How many rows a table holds. */
    long count(String table) throws SQLException {
        try (Connection c = pool.getConnection()) {
            long n;
            try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT count(*) FROM " + table)) {
                rows.next();
                n = rows.getLong(1);
            }
            c.commit();
            return n;
        }
    }

    @Override
    public void close() {
        service.close();
        if (pool != null) {
            pool.close();
            readPool.close();
        }
    }
}
