package dev.agentsession.memory;

import dev.agentsession.AddEventOptions;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.spi.EventPages;
import dev.agentsession.spi.InputRules;
import dev.agentsession.spi.SessionSnapshot;
import java.util.List;
import java.util.stream.Stream;

/** A handle on a stored session with the snapshot taken when it was read. */
final class MemorySession extends SessionSnapshot {

    private static final int PAGE_SIZE = 500;

    private final MemorySessionService service;
    private final StoredSession stored;

    MemorySession(MemorySessionService service, StoredSession stored) {
        super(stored.id, stored.appName, stored.userId, stored.agentId, stored.metadata, stored.createdAt,
                stored.updatedAt);
        this.service = service;
        this.stored = stored;
    }

    @Override
    public Event addEvent(AddEventOptions options) {
        return service.addEvent(stored, options);
    }

    @Override
    public List<Event> events(EventsOptions options) {
        InputRules.requireNonNull("options", options);
        return service.events(stored, options.afterSequence(), options.limit());
    }

    @Override
    public Stream<Event> streamEvents(long afterSequence) {
        service.checkOpen();
        return EventPages.stream(afterSequence, after -> service.page(stored, after, PAGE_SIZE));
    }
}
