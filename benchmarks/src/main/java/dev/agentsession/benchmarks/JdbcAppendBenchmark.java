package dev.agentsession.benchmarks;

import dev.agentsession.CreateRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The limit for an append: plain JDBC doing the minimum, one prepared INSERT of the event row
 * (the same columns the benchmark event fills, its JSON as constant strings) and one UPDATE of the session's time, in one transaction, on the same database with the same
 * pool and durability settings. It knows the next sequence without asking, since each thread
 * owns its session.
 */
@State(Scope.Benchmark)
public class JdbcAppendBenchmark {

    @Param({"SQLITE", "POSTGRES", "MARIADB"})
    public Backend backend;

    @Param({"10", "10000"})
    public int history;

    Fixture fixture;
    String insert;

    static final String UPDATE = "UPDATE sessions SET updated_at = ?, last_sequence = ? WHERE pk = ?";

    @Setup(Level.Trial)
    public void open() throws Exception {
        fixture = Fixture.open(backend, "jdbc_append", true);
        insert = fixture.insertEvent();
    }

    @TearDown(Level.Trial)
    public void close() {
        fixture.close();
    }

    /** The session one thread appends to. */
    @State(Scope.Thread)
    public static class Writer {
        long pk;
        long sequence;

        @Setup(Level.Trial)
        public void open(JdbcAppendBenchmark bench) throws Exception {
            pk = bench.fixture.pk(bench.fixture.service.create(CreateRequest.of("bench", "user", "agent")).id());
            bench.fixture.bulkLoad(pk, bench.history);
            sequence = bench.history;
        }
    }

    @Benchmark
    public long append(Writer writer) throws SQLException {
        long sequence = ++writer.sequence;
        long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        try (Connection connection = fixture.pool.getConnection()) {
            try (PreparedStatement statement = connection.prepareStatement(insert)) {
                Fixture.bindEvent(statement, UUID.randomUUID().toString(), writer.pk, sequence, "assistant", now);
                statement.executeUpdate();
            }
            try (PreparedStatement statement = connection.prepareStatement(UPDATE)) {
                statement.setLong(1, now);
                statement.setLong(2, sequence);
                statement.setLong(3, writer.pk);
                statement.executeUpdate();
            }
            connection.commit();
        }
        return sequence;
    }
}
