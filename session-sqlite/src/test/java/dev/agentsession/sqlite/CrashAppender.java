package dev.agentsession.sqlite;

import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.GetRequest;
import dev.agentsession.Session;
import java.nio.file.Path;

/**
 * The child process of the crash test: appends events to one session as fast as it can and
 * prints "ack N" after each append returns, until it is killed.
 *
 * <p>Arguments: database path, synchronous level (NORMAL or FULL), session id.
 */
public final class CrashAppender {

    private CrashAppender() {
    }

    public static void main(String[] args) {
        SqliteSessionService store = SqliteSessionService.builder().path(Path.of(args[0]))
                .synchronous(Synchronous.valueOf(args[1])).build();
        Session session = store.get(new GetRequest("crash", "user", args[2]))
                .orElseGet(() -> store.create(CreateRequest.builder("crash", "user", "agent").sessionId(args[2]).build()));
        System.out.println("ready");
        System.out.flush();
        for (long i = 0; ; i++) {
            long sequence = session.addEvent(AddEventOptions.builder("writer").content("event " + i)
                    .metadata(java.util.Map.of("i", i)).build()).sequence();
            System.out.println("ack " + sequence);
            System.out.flush();
        }
    }
}
