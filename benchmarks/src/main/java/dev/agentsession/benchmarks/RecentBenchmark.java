package dev.agentsession.benchmarks;

import dev.agentsession.CreateRequest;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.Session;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code events(limit 20)} of a session of 10,000 events in a store of {@code storeEvents}
 * events, beside the limit: one plain SELECT of the same rows and columns.
 */
@State(Scope.Benchmark)
public class RecentBenchmark {

    static final int SESSION_EVENTS = 10_000;

    @Param({"SQLITE", "POSTGRES", "MARIADB", "MEMORY"})
    public Backend backend;

    @Param({"100000"})
    public int storeEvents;

    Fixture fixture;
    Session target;
    long pk;

    @Setup(Level.Trial)
    public void open() throws Exception {
        String name = "recent_" + storeEvents;
        fixture = Fixture.open(backend, name, false);
        if (backend == Backend.MEMORY || fixture.count("events") != storeEvents) {
            fixture.close();
            fixture = Fixture.open(backend, name, true);
            for (int s = 0; s < storeEvents / SESSION_EVENTS; s++) {
                Session session = fixture.service.create(CreateRequest.builder("bench", "user", "agent")
                        .sessionId(s == 0 ? "target" : "other-" + s).build());
                if (backend == Backend.MEMORY) {
                    for (int i = 0; i < SESSION_EVENTS; i++) {
                        session.addEvent(Fixture.EVENT);
                    }
                } else {
                    fixture.bulkLoad(fixture.pk(session.id()), SESSION_EVENTS);
                }
            }
        }
        fixture.analyze();
        target = fixture.service.get(new GetRequest("bench", "user", "target")).orElseThrow();
        pk = backend == Backend.MEMORY ? 0 : fixture.pk("target");
    }

    @TearDown(Level.Trial)
    public void close() {
        fixture.close();
    }

    @Benchmark
    public List<Event> library() {
        return target.events(EventsOptions.last(20));
    }

    /** The limit: the same 20 rows and columns through one prepared SELECT. */
    @Benchmark
    public List<Object[]> jdbc() throws SQLException {
        try (Connection connection = fixture.readPool.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT id, sequence, invocation_id, agent_id,"
                     + " branch, author, content, reasoning, actions, long_running_tool_ids, metadata, created_at"
                     + " FROM events WHERE session_pk = ? ORDER BY sequence DESC LIMIT 20")) {
            statement.setLong(1, pk);
            List<Object[]> rows = new ArrayList<>(20);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new Object[] {result.getString(1), result.getLong(2), result.getString(3),
                        result.getString(4), result.getString(5), result.getString(6), result.getString(7),
                        result.getString(8), result.getString(9), result.getString(10), result.getString(11),
                        result.getLong(12)});
                }
            }
            return rows;
        }
    }
}
