package dev.agentsession.portability;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentsession.Action;
import dev.agentsession.Event;
import dev.agentsession.SessionService;
import dev.agentsession.SessionStoreException;
import dev.agentsession.spi.SessionImport.ImportedSession;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Writes part of a store as agent-session JSONL: one JSON object per line, UTF-8. Events are
 * read and written page by page, so memory stays constant whatever the store's size. The format
 * is described in the package documentation.
 */
public final class JsonlExport {

    /** The format's name, in the first line. */
    static final String FORMAT = "agent-session";
    /** The format's version, in the first line. */
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private JsonlExport() {
    }

    /**
     * @param store the store to read (only read)
     * @param filter which part to write
     * @param out where to write; flushed, not closed
     * @return what was written
     * @throws SessionStoreException if the store fails or {@code out} cannot be written
     */
    public static Summary export(SessionService store, ExportFilter filter, OutputStream out) {
        return export(store, filter, out, Progress.NONE);
    }

    /**
     * As {@link #export(SessionService, ExportFilter, OutputStream)}, telling {@code progress}
     * after each session.
     */
    public static Summary export(SessionService store, ExportFilter filter, OutputStream out, Progress progress) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(out, "out");
        long[] counts = new long[5];
        try {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("format", FORMAT);
            header.put("version", VERSION);
            line(out, header);
            StoreWalker.walk(store, filter, new StoreWalker.Visitor() {
                @Override
                public void appTier(String appName, Map<String, Object> state) {
                    line(out, record("app", "appName", appName, "state", state));
                    counts[0]++;
                }

                @Override
                public void userTier(String appName, String userId, Map<String, Object> state) {
                    line(out, record("user", "appName", appName, "userId", userId, "state", state));
                    counts[1]++;
                }

                @Override
                public void session(ImportedSession session, Stream<Event> events) {
                    line(out, record("session", "appName", session.appName(), "userId", session.userId(),
                            "id", session.id(), "agentId", session.agentId(), "metadata", session.metadata(),
                            "createdAt", session.createdAt().toString(), "updatedAt", session.updatedAt().toString(),
                            "state", session.state(), "lastSequence", session.lastSequence()));
                    counts[2]++;
                    events.forEach(event -> {
                        line(out, event(event));
                        counts[4]++;
                    });
                    progress.advanced(counts[2], counts[4]);
                }
            });
            line(out, record("end", "appTiers", counts[0], "userTiers", counts[1], "sessions", counts[2],
                    "events", counts[4]));
            out.flush();
        } catch (IOException | UncheckedIOException e) {
            throw new SessionStoreException("writing the export failed: " + e.getMessage(), e);
        }
        return new Summary(counts[0], counts[1], counts[2], 0, counts[4]);
    }

    private static Map<String, Object> event(Event event) {
        List<Object> actions = new ArrayList<>();
        for (Action action : event.actions()) {
            Map<String, Object> written = new LinkedHashMap<>();
            written.put("toolName", action.toolName());
            written.put("input", action.input());
            written.put("output", action.output());
            actions.add(written);
        }
        return record("event", "id", event.id(), "sequence", event.sequence(), "invocationId", event.invocationId(),
                "agentId", event.agentId(), "branch", event.branch(), "author", event.author(),
                "content", event.content(), "reasoning", event.reasoning(), "actions", actions,
                "longRunningToolIds", event.longRunningToolIds(), "metadata", event.metadata(),
                "createdAt", event.createdAt().toString(), "stateDelta", event.stateDelta());
    }

    /** A record: its kind, then the given fields in order (nulls kept). */
    private static Map<String, Object> record(String kind, Object... fields) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("kind", kind);
        for (int i = 0; i < fields.length; i += 2) {
            record.put((String) fields[i], fields[i + 1]);
        }
        return record;
    }

    private static void line(OutputStream out, Map<String, Object> record) {
        try {
            JSON.writeValue(out, record);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
