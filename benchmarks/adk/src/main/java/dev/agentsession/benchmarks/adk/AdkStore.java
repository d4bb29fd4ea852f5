package dev.agentsession.benchmarks.adk;

import com.google.adk.events.Event;
import com.google.adk.events.EventActions;
import com.google.adk.sessions.Session;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionResponse;
import com.google.genai.types.Part;
import dev.agentsession.SessionService;
import dev.agentsession.adk.AdkSessionService;
import dev.agentsession.mysql.MysqlSessionService;
import dev.agentsession.postgres.PostgresSessionService;
import dev.agentsession.sqlite.SqliteSessionService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A store of one backend holding one ADK session of a given length, written through the ADK service. */
public final class AdkStore implements AutoCloseable {

    static final String APP = "weather-app";
    static final String USER = "ann";

    private static final String POSTGRES = System.getProperty("bench.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    private static final String MARIADB = System.getProperty("bench.mysql.url",
            "jdbc:mariadb://127.0.0.1:3306/test?user=root");
    private static final String REPLY = ("Tomorrow in Kyoto: light rain until ten, then clearing; 18 °C at its warmest."
            + " Take an umbrella for the morning and keep the temples for the afternoon. ").repeat(2);

    /** The backends measured. */
    public enum Backend { SQLITE, POSTGRES, MARIADB }

    final SessionService store;
    final AdkSessionService adk;
    final String sessionId;

    private AdkStore(SessionService store, String sessionId) {
        this.store = store;
        this.adk = AdkSessionService.over(store);
        this.sessionId = sessionId;
    }

    /**
     * A fresh store with one session of {@code events} ADK events, in turns of four: the user's
     * question, the model's function call, the tool's response with a state delta, the model's answer.
     */
    static AdkStore withSession(Backend backend, int events) throws SQLException, java.io.IOException {
        String name = "agentsession_bench_adk_" + events;
        SessionService store = switch (backend) {
            case SQLITE -> {
                Path file = Path.of("target", "bench", name + ".db").toAbsolutePath();
                for (String suffix : new String[] {"", "-wal", "-shm"}) {
                    Files.deleteIfExists(Path.of(file + suffix));
                }
                yield SqliteSessionService.open(file);
            }
            case POSTGRES -> {
                execute(POSTGRES, "DROP SCHEMA IF EXISTS " + name + " CASCADE", "CREATE SCHEMA " + name);
                String url = POSTGRES + "&currentSchema=" + name;
                yield PostgresSessionService.builder().url(url).build();
            }
            case MARIADB -> {
                execute(MARIADB, "DROP DATABASE IF EXISTS " + name, "CREATE DATABASE " + name);
                yield MysqlSessionService.builder().url(MARIADB.replaceFirst("(//[^/?]+)/[^?]*", "$1/" + name)).build();
            }
        };
        AdkStore fixture = new AdkStore(store, "long");
        Session session = fixture.adk.createSession(APP, USER, new ConcurrentHashMap<>(Map.of("city", "Kyoto")), "long")
                .blockingGet();
        for (int i = 0; i < events; i++) {
            fixture.adk.appendEvent(session, event(i)).blockingGet();
        }
        return fixture;
    }

    /** The {@code i}-th event of a conversation (0-based), as an ADK Runner writes them. */
    static Event event(int i) {
        String invocation = "inv-" + (i / 4);
        String callId = "call-" + (i / 4);
        Event.Builder event = Event.builder().id(Event.generateEventId()).invocationId(invocation)
                .timestamp(1_700_000_000_000L + i * 1_000L);
        return switch (i % 4) {
            case 0 -> event.author("user").content(Content.builder().role("user")
                    .parts(List.of(Part.fromText("What is the weather in Kyoto on day " + i / 4 + "?"))).build()).build();
            case 1 -> event.author("weather_agent").content(Content.builder().role("model").parts(List.of(
                    Part.builder().functionCall(FunctionCall.builder().id(callId).name("get_weather")
                            .args(Map.of("city", "Kyoto", "day", i / 4)).build()).build())).build()).build();
            case 2 -> event.author("weather_agent").content(Content.builder().role("user").parts(List.of(
                    Part.builder().functionResponse(FunctionResponse.builder().id(callId).name("get_weather")
                            .response(Map.of("forecast", "light rain, then clearing", "celsius", 18, "rain_mm", 3.5))
                            .build()).build())).build())
                    .actions(EventActions.builder().stateDelta(new ConcurrentHashMap<>(Map.of("last_city", "Kyoto",
                            "user:lookups", i / 4))).build()).build();
            default -> event.author("weather_agent").content(Content.builder().role("model")
                    .parts(List.of(Part.fromText(REPLY))).build()).build();
        };
    }

    private static void execute(String url, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
