package dev.agentsession.portability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentsession.Action;
import dev.agentsession.Event;
import dev.agentsession.GetRequest;
import dev.agentsession.SessionAlreadyExistsException;
import dev.agentsession.SessionService;
import dev.agentsession.SessionStoreException;
import dev.agentsession.internal.InputRules;
import dev.agentsession.internal.StateDelta;
import dev.agentsession.spi.SessionImport;
import dev.agentsession.spi.SessionImport.ImportedSession;
import dev.agentsession.spi.SessionImport.OnExisting;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * Reads agent-session JSONL into a store: each session with its events in one transaction, ids,
 * sequences and times kept, line by line (a file's checking pass keeps the ids of its sessions).
 *
 * <p><b>A file is all or nothing</b> ({@link #importFile}): it is read twice, first to check every
 * line, every session's history and, with {@link OnExisting#FAIL}, every session id against the
 * store, writing nothing; then to write. A file with a bad line, or a taken id under
 * {@code FAIL}, is refused with nothing written. What the first pass cannot see can still stop the
 * second part way, leaving the sessions before it written: the store failing (the server going
 * away), a state tier over its size limit once merged with what the store already holds, or
 * another writer taking a session id between the passes. The same import run again with
 * {@link OnExisting#SKIP} then writes the rest, and, once all is written, writes nothing.
 *
 * <p>A stream ({@link #importFrom}) is read once: a line that is not what the format says stops
 * the import with an {@link IllegalArgumentException} naming the line; the session it belongs to
 * is not written, the sessions before it are.
 */
public final class JsonlImport {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private JsonlImport() {
    }

    /**
     * @param in the JSONL, UTF-8; read to its end, not closed
     * @param store the store to write; must implement {@link SessionImport} (every backend here does)
     * @param onExisting what to do with a session whose id the store already holds in its scope
     * @return what was written
     * @throws IllegalArgumentException naming the line, for input that is not agent-session JSONL
     *     version 1 or is cut short, or for a store that cannot import
     * @throws dev.agentsession.SessionAlreadyExistsException with {@code FAIL} on a taken id
     * @throws SessionStoreException if the input cannot be read or the store fails
     */
    public static Summary importFrom(InputStream in, SessionService store, OnExisting onExisting) {
        return importFrom(in, store, onExisting, Progress.NONE);
    }

    /**
     * As {@link #importFrom(InputStream, SessionService, OnExisting)}, telling {@code progress}
     * after each session.
     */
    public static Summary importFrom(InputStream in, SessionService store, OnExisting onExisting, Progress progress) {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(onExisting, "onExisting");
        SessionImport target = importer(store);
        try {
            return read(in, target, onExisting, progress);
        } catch (UncheckedIOException e) {
            throw new SessionStoreException("reading the import failed: " + e.getCause().getMessage(), e);
        }
    }

    /**
     * Imports a file all or nothing: checks the whole file first and writes nothing unless every
     * line is good and, with {@link OnExisting#FAIL}, no session id is taken; then writes it.
     *
     * @param file the JSONL file, UTF-8
     * @param store the store to write; must implement {@link SessionImport} (every backend here does)
     * @param onExisting what to do with a session whose id the store already holds in its scope
     * @param progress told after each session written
     * @return what was written
     * @throws IllegalArgumentException naming the line, for a file that is not agent-session JSONL
     *     version 1, is cut short or repeats a session; nothing is written
     * @throws dev.agentsession.SessionAlreadyExistsException with {@code FAIL} on a taken id;
     *     nothing is written
     * @throws SessionStoreException if the file cannot be read or the store fails
     */
    public static Summary importFile(Path file, SessionService store, OnExisting onExisting, Progress progress) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(onExisting, "onExisting");
        Objects.requireNonNull(progress, "progress");
        SessionImport target = importer(store);
        try (InputStream in = Files.newInputStream(file)) {
            read(in, new CheckingImport(store, onExisting), onExisting, Progress.NONE);
        } catch (IOException | UncheckedIOException e) {
            throw new SessionStoreException("reading " + file + " failed: " + e.getMessage(), e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, target, onExisting, progress);
        } catch (IOException | UncheckedIOException e) {
            throw new SessionStoreException("reading " + file + " failed: " + e.getMessage(), e);
        }
    }

    private static Summary read(InputStream in, SessionImport target, OnExisting onExisting, Progress progress) {
        Lines lines = new Lines(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        Map<String, Object> header = lines.next();
        if (header == null || !JsonlExport.FORMAT.equals(header.get("format"))) {
            throw new IllegalArgumentException("line 1: not an agent-session export (no {\"format\": \"agent-session\"})");
        }
        if (!Long.valueOf(JsonlExport.VERSION).equals(header.get("version"))) {
            throw new IllegalArgumentException("line 1: format version " + header.get("version")
                    + " is not one this release reads (it reads " + JsonlExport.VERSION + ")");
        }
        long[] counts = new long[5];
        Map<String, Object> record = lines.next();
        while (record != null) {
            String kind = String.valueOf(record.get("kind"));
            switch (kind) {
                case "app" -> {
                    target.importAppState(lines.text(record, "appName"), lines.object(record, "state"));
                    counts[0]++;
                    record = lines.next();
                }
                case "user" -> {
                    target.importUserState(lines.text(record, "appName"), lines.text(record, "userId"),
                            lines.object(record, "state"));
                    counts[1]++;
                    record = lines.next();
                }
                case "session" -> {
                    ImportedSession session = lines.session(record);
                    Events events = new Events(lines, session.id());
                    if (target.importSession(session, events, onExisting)) {
                        counts[2]++;
                        counts[4] += session.lastSequence();
                    } else {
                        counts[3]++;
                    }
                    progress.advanced(counts[2] + counts[3], counts[4]);
                    record = events.rest();
                }
                case "end" -> {
                    long endLine = lines.number;
                    if (lines.number(record, "sessions") != counts[2] + counts[3]) {
                        throw new IllegalArgumentException("line " + endLine + ": the end line counts "
                                + record.get("sessions") + " sessions but " + (counts[2] + counts[3]) + " came");
                    }
                    if (lines.next() != null) {
                        throw new IllegalArgumentException("line " + lines.number + ": nothing may follow the end");
                    }
                    return new Summary(counts[0], counts[1], counts[2], counts[3], counts[4]);
                }
                default -> throw new IllegalArgumentException("line " + lines.number + ": unknown kind '" + kind
                        + "' (expected app, user, session, event or end)");
            }
        }
        throw new IllegalArgumentException("line " + lines.number + ": the export is cut short (no end line)");
    }

    static SessionImport importer(SessionService store) {
        Objects.requireNonNull(store, "store");
        if (store instanceof SessionImport importer) {
            return importer;
        }
        throw new IllegalArgumentException(store + " cannot import: it does not implement SessionImport");
    }

    /**
     * The first pass of a file's import: takes every record as a store would and writes nothing;
     * a session id the store (or the file, earlier) already holds fails under {@code FAIL}.
     */
    private static final class CheckingImport implements SessionImport {
        private final SessionService store;
        private final OnExisting onExisting;
        private final Set<List<String>> sessions = new HashSet<>();

        CheckingImport(SessionService store, OnExisting onExisting) {
            this.store = store;
            this.onExisting = onExisting;
        }

        @Override
        public void importAppState(String appName, Map<String, Object> state) {
            InputRules.requireName("appName", appName);
            StateDelta.copy("state", state);
        }

        @Override
        public void importUserState(String appName, String userId, Map<String, Object> state) {
            InputRules.requireName("appName", appName);
            InputRules.requireName("userId", userId);
            StateDelta.copy("state", state);
        }

        @Override
        public boolean importSession(ImportedSession session, Iterator<Event> events, OnExisting ignored) {
            if (!sessions.add(List.of(session.appName(), session.userId(), session.id()))) {
                throw new IllegalArgumentException("session '" + session.id() + "' of app '" + session.appName()
                        + "' and user '" + session.userId() + "' comes twice in the file");
            }
            if (onExisting == OnExisting.FAIL
                    && store.get(new GetRequest(session.appName(), session.userId(), session.id())).isPresent()) {
                throw new SessionAlreadyExistsException(session.appName(), session.userId(), session.id(), null);
            }
            long expected = 0;
            while (events.hasNext()) {
                SessionImport.next(session, events.next(), ++expected);
            }
            SessionImport.requireComplete(session, expected);
            return true;
        }
    }

    /** The lines of the input, parsed one at a time. */
    private static final class Lines {
        private final BufferedReader reader;
        long number;

        Lines(BufferedReader reader) {
            this.reader = reader;
        }

        /** @return the next record, or null at the end of the input */
        @SuppressWarnings("unchecked")
        Map<String, Object> next() {
            try {
                String line;
                do {
                    line = reader.readLine();
                    number++;
                } while (line != null && line.isBlank());
                if (line == null) {
                    return null;
                }
                Object value = JSON.readValue(line, Object.class);
                if (!(value instanceof Map<?, ?>)) {
                    throw new IllegalArgumentException("line " + number + ": not a JSON object");
                }
                return (Map<String, Object>) value;
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("line " + number + ": not JSON: " + e.getOriginalMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String text(Map<String, Object> record, String field) {
            Object value = record.get(field);
            if (value != null && !(value instanceof String)) {
                throw new IllegalArgumentException("line " + number + ": " + field + " must be text");
            }
            return (String) value;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object(Map<String, Object> record, String field) {
            Object value = record.get(field);
            if (value != null && !(value instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("line " + number + ": " + field + " must be an object");
            }
            return value == null ? Map.of() : (Map<String, Object>) value;
        }

        long number(Map<String, Object> record, String field) {
            if (!(record.get(field) instanceof Long value)) {
                throw new IllegalArgumentException("line " + number + ": " + field + " must be a whole number");
            }
            return value;
        }

        Instant time(Map<String, Object> record, String field) {
            try {
                return Instant.parse(text(record, field));
            } catch (DateTimeParseException | NullPointerException e) {
                throw new IllegalArgumentException("line " + number + ": " + field + " must be an ISO-8601 instant");
            }
        }

        ImportedSession session(Map<String, Object> record) {
            try {
                return new ImportedSession(text(record, "appName"), text(record, "userId"), text(record, "id"),
                        text(record, "agentId"), object(record, "metadata"), time(record, "createdAt"),
                        time(record, "updatedAt"), object(record, "state"), number(record, "lastSequence"));
            } catch (IllegalArgumentException e) {
                throw e.getMessage().startsWith("line ") ? e
                        : new IllegalArgumentException("line " + number + ": " + e.getMessage(), e);
            }
        }

        @SuppressWarnings("unchecked")
        Event event(Map<String, Object> record, String sessionId) {
            try {
                List<Action> actions = new ArrayList<>();
                Object written = record.get("actions");
                if (written != null && !(written instanceof List<?>)) {
                    throw new IllegalArgumentException("actions must be a list");
                }
                for (Object item : written == null ? List.of() : (List<Object>) written) {
                    Map<String, Object> action = (Map<String, Object>) item;
                    actions.add(new Action((String) action.get("toolName"), (Map<String, Object>) action.get("input"),
                            action.get("output")));
                }
                return new Event(text(record, "id"), sessionId, number(record, "sequence"),
                        text(record, "invocationId"), text(record, "agentId"), text(record, "branch"),
                        text(record, "author"), text(record, "content"), text(record, "reasoning"), actions,
                        (List<String>) record.get("longRunningToolIds"), object(record, "metadata"),
                        time(record, "createdAt"), object(record, "stateDelta"));
            } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                throw message.startsWith("line ") && e instanceof IllegalArgumentException iae ? iae
                        : new IllegalArgumentException("line " + number + ": not a valid event: " + message, e);
            }
        }
    }

    /** The event lines after a session line, read as the import asks for them. */
    private static final class Events implements Iterator<Event> {
        private final Lines lines;
        private final String sessionId;
        private Map<String, Object> upcoming;

        Events(Lines lines, String sessionId) {
            this.lines = lines;
            this.sessionId = sessionId;
        }

        private void peek() {
            if (upcoming == null) {
                upcoming = lines.next();
                if (upcoming == null) {
                    upcoming = Map.of("kind", "<end of input>");
                }
            }
        }

        @Override
        public boolean hasNext() {
            peek();
            return "event".equals(upcoming.get("kind"));
        }

        @Override
        public Event next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Map<String, Object> record = upcoming;
            upcoming = null;
            return lines.event(record, sessionId);
        }

        /** Skips any events the import did not read, and returns the record after them (or null). */
        Map<String, Object> rest() {
            while (hasNext()) {
                upcoming = null;
            }
            return upcoming.get("kind").equals("<end of input>") ? null : upcoming;
        }
    }
}
