package dev.agentsession.cli;

import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import dev.agentsession.SessionStoreConfig;
import picocli.CommandLine.Option;

/** The store a command works on. */
final class StoreOptions {

    @Option(names = "--url", defaultValue = "${env:AGENTSESSION_URL}",
            description = "the store URL: sqlite:PATH, jdbc:postgresql://..., jdbc:mysql://..., jdbc:mariadb://..."
                    + " (default: $AGENTSESSION_URL)")
    String url;

    @Option(names = "--db-user", description = "the database user, when not in the URL")
    String dbUser;

    @Option(names = "--password", arity = "0..1", interactive = true,
            description = "the database password; given without a value, it is asked for without echo"
                    + " (default: $AGENTSESSION_PASSWORD)")
    char[] password;

    /** What a command does with its store. */
    enum Access {
        /** Only reads: a SQLite file must exist and is opened read-only. */
        READ,
        /** Changes what is there: a SQLite file must exist. */
        WRITE,
        /** May create the store and its schema (an import). */
        CREATE
    }

    /** Opens the store for what the command does; only {@link Access#CREATE} migrates. */
    SessionService open(Access access) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("no store: give --url or set AGENTSESSION_URL");
        }
        String secret = password != null ? new String(password) : System.getenv("AGENTSESSION_PASSWORD");
        SessionStoreConfig.Builder config = SessionStoreConfig.builder(url).user(dbUser).password(secret)
                .migrate(access == Access.CREATE);
        if (SessionServices.module(url).filter("session-sqlite"::equals).isPresent() && access != Access.CREATE) {
            config.option("createIfMissing", "false");
            config.option("readOnly", String.valueOf(access == Access.READ));
        }
        return SessionServices.open(config.build());
    }

    /** Opens another store (a copy's target), whose credentials are in its URL. */
    static SessionService openOther(String storeUrl) {
        return SessionServices.open(SessionStoreConfig.builder(storeUrl).migrate(true).build());
    }
}
