package dev.agentsession.portability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentsession.Action;
import dev.agentsession.Event;
import dev.agentsession.SessionService;
import dev.agentsession.SessionStoreException;
import dev.agentsession.spi.SessionImport;
import dev.agentsession.spi.SessionImport.ImportedSession;
import dev.agentsession.spi.SessionImport.OnExisting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports a SQLite file in the layout of the Python session store this library comes from:
 * {@code sessions(id, app_name, user_id, agent_id, metadata, created_at, updated_at)},
 * {@code events(id, session_id, invocation_id, agent_id, branch, author, content, reasoning,
 * actions, long_running_tool_ids, metadata, created_at)} with {@code DATETIME} times (UTC), and,
 * when present, {@code session_state(session_id, key, value, updated_at)}.
 *
 * <p>Each session's events get sequences 1, 2, … in the order they were written (their time, then
 * their row order, so events written in one instant keep theirs); ids, times, metadata and the
 * rest are kept. An action is read from {@code tool_name}/{@code toolName}/{@code name}, its input
 * from {@code input}/{@code args}/{@code arguments} and its output from
 * {@code output}/{@code result}; an events' actions that cannot be read so are kept whole under
 * the event metadata key {@code seedActions}. State keys with {@code app:} or {@code user:} go to
 * those tiers; {@code temp:} keys are not kept. The file is only read.
 */
public final class SeedImport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
    private static final DateTimeFormatter DATETIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[ ]['T']HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendPattern("XXX").optionalEnd()
            .toFormatter();

    private SeedImport() {
    }

    /**
     * @param file the SQLite file in the seed layout
     * @param store the store to write into
     * @param onExisting what to do with a session id the store already holds in its scope
     * @return what was imported
     * @throws IllegalArgumentException if the file is missing or not in the seed layout (naming what
     *     is missing), or a row cannot be read (naming the session)
     * @throws SessionStoreException if the file cannot be read
     */
    public static Summary importFile(Path file, SessionService store, OnExisting onExisting) {
        SessionImport target = JsonlImport.importer(store);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no seed-layout file at " + file);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:file:" + file + "?mode=ro")) {
            requireTable(connection, "sessions");
            requireTable(connection, "events");
            boolean hasState = hasTable(connection, "session_state");
            long[] counts = new long[5];
            try (PreparedStatement sessions = connection.prepareStatement(
                    "SELECT id, app_name, user_id, agent_id, metadata, created_at, updated_at FROM sessions ORDER BY rowid");
                 ResultSet rows = sessions.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString(1);
                    String app = rows.getString(2);
                    String user = rows.getString(3);
                    Map<String, Object> own = new LinkedHashMap<>();
                    if (hasState) {
                        for (Map.Entry<String, Object> entry : state(connection, id).entrySet()) {
                            String key = entry.getKey();
                            if (key.startsWith("app:")) {
                                target.importAppState(app, Map.of(key.substring(4), entry.getValue()));
                                counts[0]++;
                            } else if (key.startsWith("user:")) {
                                target.importUserState(app, user, Map.of(key.substring(5), entry.getValue()));
                                counts[1]++;
                            } else if (!key.startsWith("temp:")) {
                                own.put(key, entry.getValue());
                            }
                        }
                    }
                    List<Event> events = events(connection, id);
                    ImportedSession session = new ImportedSession(app, user, id, rows.getString(4),
                            object(rows.getString(5), id), time(rows.getString(6), id), time(rows.getString(7), id), own,
                            events.size());
                    if (target.importSession(session, events.iterator(), onExisting)) {
                        counts[2]++;
                        counts[4] += events.size();
                    } else {
                        counts[3]++;
                    }
                }
            }
            return new Summary(counts[0], counts[1], counts[2], counts[3], counts[4]);
        } catch (SQLException e) {
            throw new SessionStoreException("reading the seed-layout file " + file + " failed: " + e.getMessage(), e);
        }
    }

    private static List<Event> events(Connection connection, String sessionId) throws SQLException {
        List<Event> events = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT id, invocation_id, agent_id, branch,"
                + " author, content, reasoning, actions, long_running_tool_ids, metadata, created_at FROM events"
                + " WHERE session_id = ? ORDER BY created_at, rowid")) {
            statement.setString(1, sessionId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Map<String, Object> metadata = new LinkedHashMap<>(object(rows.getString(10), sessionId));
                    List<Action> actions = actions(rows.getString(8), sessionId, metadata);
                    events.add(new Event(rows.getString(1), sessionId, events.size() + 1L, rows.getString(2),
                            rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6),
                            rows.getString(7), actions, strings(rows.getString(9), sessionId), metadata,
                            time(rows.getString(11), sessionId), Map.of()));
                }
            }
        }
        return events;
    }

    private static Map<String, Object> state(Connection connection, String sessionId) throws SQLException {
        Map<String, Object> state = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT key, value FROM session_state WHERE session_id = ? ORDER BY key")) {
            statement.setString(1, sessionId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    state.put(rows.getString(1), json(rows.getString(2), sessionId));
                }
            }
        }
        return state;
    }

    @SuppressWarnings("unchecked")
    private static List<Action> actions(String text, String sessionId, Map<String, Object> metadata) {
        Object parsed = json(text, sessionId);
        if (parsed == null) {
            return List.of();
        }
        List<Action> actions = new ArrayList<>();
        if (parsed instanceof List<?> items) {
            for (Object item : items) {
                if (!(item instanceof Map<?, ?> fields)) {
                    metadata.put("seedActions", parsed);
                    return List.of();
                }
                Object name = first(fields, "tool_name", "toolName", "name", "tool");
                Object input = first(fields, "input", "args", "arguments", "tool_input");
                if (!(name instanceof String tool) || tool.isBlank() || !(input == null || input instanceof Map<?, ?>)) {
                    metadata.put("seedActions", parsed);
                    return List.of();
                }
                actions.add(new Action(tool, (Map<String, Object>) input,
                        first(fields, "output", "result", "tool_output")));
            }
            return actions;
        }
        metadata.put("seedActions", parsed);
        return List.of();
    }

    private static Object first(Map<?, ?> fields, String... names) {
        for (String name : names) {
            if (fields.containsKey(name)) {
                return fields.get(name);
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(String text, String sessionId) {
        Object parsed = json(text, sessionId);
        return parsed instanceof List<?> list ? (List<String>) list : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String text, String sessionId) {
        Object parsed = json(text, sessionId);
        return parsed instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static Object json(String text, String sessionId) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("session '" + sessionId + "': not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Instant time(String text, String sessionId) {
        try {
            TemporalAccessor parsed = DATETIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime offset ? offset.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("session '" + sessionId + "': '" + text + "' is not a DATETIME", e);
        }
    }

    private static boolean hasTable(Connection connection, String table) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        try (ResultSet tables = metaData.getTables(null, null, table, null)) {
            return tables.next();
        }
    }

    private static void requireTable(Connection connection, String table) throws SQLException {
        if (!hasTable(connection, table)) {
            throw new IllegalArgumentException("not a seed-layout file: it has no table '" + table + "'");
        }
    }
}
