package dev.agentsession.portability;

import dev.agentsession.Event;
import dev.agentsession.SessionService;
import dev.agentsession.spi.SessionImport;
import dev.agentsession.spi.SessionImport.ImportedSession;
import dev.agentsession.spi.SessionImport.OnExisting;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Copies part of one store into another, any backend to any backend, with the guarantees of an
 * import: ids, sequences, times, metadata and state kept; each session written in one
 * transaction; the source only read. Events stream through page by page.
 */
public final class StoreCopy {

    private StoreCopy() {
    }

    /**
     * @param from the store to read
     * @param to the store to write; must implement {@link SessionImport} (every backend here does)
     * @param filter which part to copy
     * @param onExisting what to do with a session whose id the target already holds in its scope
     * @return what was copied
     * @throws IllegalArgumentException if {@code to} cannot import, or for a filter {@code from}
     *     cannot walk
     * @throws dev.agentsession.SessionAlreadyExistsException with {@code FAIL} on a taken id;
     *     sessions copied before it stay
     */
    public static Summary copy(SessionService from, SessionService to, ExportFilter filter, OnExisting onExisting) {
        return copy(from, to, filter, onExisting, Progress.NONE);
    }

    /**
     * As {@link #copy(SessionService, SessionService, ExportFilter, OnExisting)}, telling
     * {@code progress} after each session.
     */
    public static Summary copy(SessionService from, SessionService to, ExportFilter filter, OnExisting onExisting,
            Progress progress) {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(onExisting, "onExisting");
        SessionImport target = JsonlImport.importer(to);
        long[] counts = new long[5];
        StoreWalker.walk(from, filter, new StoreWalker.Visitor() {
            @Override
            public void appTier(String appName, Map<String, Object> state) {
                target.importAppState(appName, state);
                counts[0]++;
            }

            @Override
            public void userTier(String appName, String userId, Map<String, Object> state) {
                target.importUserState(appName, userId, state);
                counts[1]++;
            }

            @Override
            public void session(ImportedSession session, Stream<Event> events) {
                if (target.importSession(session, events.iterator(), onExisting)) {
                    counts[2]++;
                    counts[4] += session.lastSequence();
                } else {
                    counts[3]++;
                }
                progress.advanced(counts[2] + counts[3], counts[4]);
            }
        });
        return new Summary(counts[0], counts[1], counts[2], counts[3], counts[4]);
    }
}
