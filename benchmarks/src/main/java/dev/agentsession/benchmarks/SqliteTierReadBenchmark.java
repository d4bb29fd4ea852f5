package dev.agentsession.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Where the time of a SQLite session read with its state goes, at the SQL level, without the
 * library: plain JDBC on the store's file runs one of three statements for the sessions of
 * {@link StateBenchmark} and reads every column as text. {@code ROW} is the session's row alone;
 * {@code TIER_COUNTS} the row with a count of each tier's keys (the three lookups, no state
 * read); {@code TIER_OBJECTS} the row with each tier as one JSON object, the statement the
 * library runs. The library's get adds its decoding to the last.
 */
@State(Scope.Benchmark)
public class SqliteTierReadBenchmark {

    /** What the statement reads besides the session's row. */
    public enum Read {
        ROW, TIER_COUNTS, TIER_OBJECTS
    }

    @Param
    public Read read;

    /** {@code stateful}: 20 keys in three tiers; {@code stateless}: only its app's 5. */
    @Param({"stateful", "stateless"})
    public String session;

    Fixture fixture;
    Connection connection;
    PreparedStatement statement;

    private static final String COLUMNS = "SELECT s.pk, s.id, s.app_name, s.user_id, s.agent_id, s.metadata,"
            + " s.created_at, s.updated_at, s.last_sequence";
    private static final String WHERE = " FROM sessions s WHERE s.app_name = ? AND s.user_id = ? AND s.id = ?";

    @Setup(Level.Trial)
    public void open() throws Exception {
        fixture = Fixture.open(Backend.SQLITE, "tier_read", true);
        StateBenchmark.createReadSessions(fixture.service);
        connection = fixture.readPool.getConnection();
        statement = connection.prepareStatement(sql(read));
        statement.setString(1, "bench");
        statement.setString(2, session.equals("stateful") ? "reader" : "bare");
        statement.setString(3, session);
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        statement.close();
        connection.close();
        fixture.close();
    }

    /** @return the characters read, so that nothing is left unread */
    @Benchmark
    public int select() throws SQLException {
        int characters = 0;
        try (ResultSet row = statement.executeQuery()) {
            row.next();
            int columns = row.getMetaData().getColumnCount();
            for (int column = 1; column <= columns; column++) {
                String value = row.getString(column);
                characters += value == null ? 0 : value.length();
            }
        }
        return characters;
    }

    private static String sql(Read read) {
        return switch (read) {
            case ROW -> COLUMNS + WHERE;
            case TIER_COUNTS -> COLUMNS + tiers("count(*)") + WHERE;
            case TIER_OBJECTS -> COLUMNS + tiers("json_group_object(state_key, json(state_value))") + WHERE;
        };
    }

    private static String tiers(String aggregate) {
        return ", (SELECT " + aggregate + " FROM session_state WHERE session_pk = s.pk)"
                + ", (SELECT " + aggregate + " FROM app_state WHERE app_name = s.app_name)"
                + ", (SELECT " + aggregate + " FROM user_state WHERE app_name = s.app_name AND user_id = s.user_id)";
    }
}
