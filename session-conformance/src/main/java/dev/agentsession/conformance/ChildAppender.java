package dev.agentsession.conformance;

import dev.agentsession.AddEventOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;

/**
 * The second process of the {@link Capability#MULTI_PROCESS} tests: opens a store by URL and
 * appends numbered events to one session, printing each acknowledged sequence.
 *
 * <p>Arguments: url, appName, userId, sessionId, writer name, number of events.
 */
public final class ChildAppender {

    private ChildAppender() {
    }

    /** Runs the appender; exits non-zero on any failure. */
    public static void main(String[] args) {
        String url = args[0];
        String writer = args[4];
        int count = Integer.parseInt(args[5]);
        try (SessionService service = SessionServices.open(url)) {
            Session session = service.get(new GetRequest(args[1], args[2], args[3]))
                    .orElseThrow(() -> new IllegalStateException("session " + args[3] + " not found"));
            for (int i = 0; i < count; i++) {
                long sequence = session.addEvent(AddEventOptions.of(writer, writer + "-" + i)).sequence();
                System.out.println("ack " + sequence);
            }
        }
    }
}
