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

    /** Opens the store; migrating it only when {@code migrate}. */
    SessionService open(boolean migrate) {
        return open(url, migrate);
    }

    /** Opens another store (a copy's target), whose credentials are in its URL. */
    static SessionService openOther(String storeUrl) {
        return SessionServices.open(SessionStoreConfig.builder(storeUrl).migrate(true).build());
    }

    private SessionService open(String storeUrl, boolean migrate) {
        if (storeUrl == null || storeUrl.isBlank()) {
            throw new IllegalArgumentException("no store: give --url or set AGENTSESSION_URL");
        }
        String secret = password != null ? new String(password) : System.getenv("AGENTSESSION_PASSWORD");
        return SessionServices.open(SessionStoreConfig.builder(storeUrl).user(dbUser).password(secret)
                .migrate(migrate).build());
    }
}
