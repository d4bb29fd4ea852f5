package dev.agentsession.cli;

import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import dev.agentsession.spi.StoreCatalog;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Deletes sessions not updated for a while; says what it would delete unless told --yes. */
@Command(name = "prune", description = "Delete sessions not updated for a while (a dry run unless --yes).")
final class PruneCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--older-than", required = true,
            description = "how long without an update: 30d, 12h, 45m, or ISO-8601 such as P30D")
    String olderThan;

    @Option(names = "--app", description = "only this app")
    String app;

    @Option(names = "--user", description = "only this user (with --app)")
    String user;

    @Option(names = "--yes", description = "delete; without it, only count")
    boolean yes;

    @Override
    public Integer call() {
        if (user != null && app == null) {
            throw new IllegalArgumentException("--user needs --app");
        }
        Instant cutoff = Instant.now().minus(duration(olderThan));
        try (SessionService service = store.open(StoreOptions.Access.WRITE)) {
            long found = 0;
            List<StoreCatalog.Scope> scopes = ListCommand.scopes(service, app, user);
            for (StoreCatalog.Scope scope : scopes) {
                for (Session session : service.list(ListRequest.all(scope.appName(), scope.userId()))) {
                    if (session.updatedAt().isBefore(cutoff)) {
                        found++;
                    }
                }
            }
            if (!yes) {
                System.out.println(found + " sessions not updated since " + cutoff + " would be deleted;"
                        + " run again with --yes to delete them");
                return 0;
            }
            long deleted = 0;
            for (StoreCatalog.Scope scope : scopes) {
                deleted += service.deleteSessionsUpdatedBefore(cutoff, scope.appName(), scope.userId());
            }
            System.out.println(deleted + " sessions not updated since " + cutoff + " deleted");
        }
        return 0;
    }

    /**
     * @throws IllegalArgumentException naming {@code --older-than} when the text is not a duration
     *     or is not positive (a zero or negative age would select every session)
     */
    static Duration duration(String text) {
        Duration duration = parse(text);
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("--older-than '" + text + "' must be positive: a zero or negative age"
                    + " would select every session");
        }
        return duration;
    }

    private static Duration parse(String text) {
        try {
            if (text.toUpperCase(Locale.ROOT).matches("[+-]?P.*")) {
                return Duration.parse(text);
            }
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 'd' -> Duration.ofDays(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 's' -> Duration.ofSeconds(amount);
                default -> throw new IllegalArgumentException("unknown unit");
            };
        } catch (DateTimeParseException | IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("--older-than '" + text + "' is not a duration: use 30d, 12h, 45m, 90s"
                    + " or ISO-8601 such as P30D");
        }
    }
}
