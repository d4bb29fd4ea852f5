package dev.agentsession.benchmarks;

import dev.agentsession.CreateRequest;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** {@code list(limit 50)} for a user with 1,000 sessions among {@code storeSessions}, beside one plain SELECT. */
@State(Scope.Benchmark)
public class ListBenchmark {

    static final int USER_SESSIONS = 1_000;

    @Param({"SQLITE", "POSTGRES", "MARIADB", "MEMORY"})
    public Backend backend;

    @Param({"10000"})
    public int storeSessions;

    Fixture fixture;

    @Setup(Level.Trial)
    public void open() throws Exception {
        String name = "list_" + storeSessions;
        fixture = Fixture.open(backend, name, false);
        if (backend == Backend.MEMORY || fixture.count("sessions") != storeSessions) {
            fixture.close();
            fixture = Fixture.open(backend, name, true);
            if (backend == Backend.MEMORY) {
                for (int i = 0; i < storeSessions; i++) {
                    fixture.service.create(CreateRequest.of("bench", owner(i), "agent"));
                }
            } else {
                load();
            }
        }
        fixture.analyze();
    }

    /** Every tenth session belongs to the measured user until it has its thousand. */
    private String owner(int i) {
        int stride = storeSessions / USER_SESSIONS;
        return i % stride == 0 ? "target" : "user-" + (i % 997);
    }

    private void load() throws SQLException {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        try (Connection c = fixture.pool.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO sessions (id, app_name, user_id, agent_id,"
                     + " created_at, updated_at, last_sequence) VALUES (?, ?, ?, ?, ?, ?, 0)")) {
            for (int i = 0; i < storeSessions; i++) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, "bench");
                insert.setString(3, owner(i));
                insert.setString(4, "agent");
                insert.setLong(5, micros + i);
                insert.setLong(6, micros + i);
                insert.addBatch();
                if (i % 2_000 == 1_999) {
                    insert.executeBatch();
                    c.commit();
                }
            }
            insert.executeBatch();
            c.commit();
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        fixture.close();
    }

    @Benchmark
    public List<Session> library() {
        return fixture.service.list(new ListRequest("bench", "target", 50));
    }

    /** The limit: the same 50 rows and columns through one prepared SELECT. */
    @Benchmark
    public List<Object[]> jdbc() throws SQLException {
        try (Connection connection = fixture.readPool.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT pk, id, app_name, user_id, agent_id,"
                     + " metadata, created_at, updated_at FROM sessions WHERE app_name = ? AND user_id = ?"
                     + " ORDER BY updated_at DESC, id LIMIT 50")) {
            statement.setString(1, "bench");
            statement.setString(2, "target");
            List<Object[]> rows = new ArrayList<>(50);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new Object[] {result.getLong(1), result.getString(2), result.getString(3),
                        result.getString(4), result.getString(5), result.getString(6), result.getLong(7),
                        result.getLong(8)});
                }
            }
            return rows;
        }
    }
}
