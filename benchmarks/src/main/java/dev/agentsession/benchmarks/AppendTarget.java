package dev.agentsession.benchmarks;

import dev.agentsession.AddEventOptions;
import dev.agentsession.DeleteRequest;
import dev.agentsession.Event;
import dev.agentsession.Session;
import dev.agentsession.SessionNotFoundException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The session a benchmark appends to in a loop. The memory backend keeps every event it is given
 * in the heap, and appends at a million a second or more, so a loop of appends on one session
 * fills any heap the benchmark runs in (the full run's 1 GiB ran out in its fifth iteration, after
 * pauses of up to two seconds that were then half of what it measured). On that backend the
 * session is replaced by a new one made the same way every {@value #MEMORY_EVENTS} appends, and
 * the old one is deleted; the append that replaces it pays for that. The stores on disk and on
 * servers keep one session for the whole run.
 */
final class AppendTarget {

    /** Appends to one memory-backend session before it is replaced: some tens of MiB of events. */
    static final long MEMORY_EVENTS = 20_000;

    private final Fixture fixture;
    private final Supplier<Session> factory;
    private final AtomicLong appended = new AtomicLong();
    private volatile Session session;

    /** @param factory makes the session, with the history the benchmark wants, in {@code fixture}'s store */
    AppendTarget(Fixture fixture, Supplier<Session> factory) {
        this.fixture = fixture;
        this.factory = factory;
        this.session = factory.get();
    }

    /** @return the session to append to now */
    Session session() {
        return session;
    }

    /**
     * Appends to the current session and counts the append (see {@link #appended()}). A thread
     * whose append reached a session that another thread had just replaced (threads sharing a
     * memory-backend session) appends again, to the new one.
     */
    Event append(AddEventOptions options) {
        Session current = session;
        Event event;
        try {
            event = current.addEvent(options);
        } catch (SessionNotFoundException e) {
            if (current == session) {
                throw e;
            }
            event = session.addEvent(options);
        }
        appended();
        return event;
    }

    /**
     * Counts an append the caller made to {@link #session()} itself, for a benchmark that must know
     * when its session was replaced; on the memory backend, every {@value #MEMORY_EVENTS}th replaces
     * the session.
     *
     * @return whether the session was replaced (its sequence starts again after the new history)
     */
    boolean appended() {
        if (fixture.backend != Backend.MEMORY || appended.incrementAndGet() % MEMORY_EVENTS != 0) {
            return false;
        }
        replace();
        return true;
    }

    private synchronized void replace() {
        Session old = session;
        session = factory.get();
        fixture.service.delete(new DeleteRequest(old.appName(), old.userId(), old.id()));
    }
}
