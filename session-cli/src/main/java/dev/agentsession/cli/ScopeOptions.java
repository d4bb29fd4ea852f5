package dev.agentsession.cli;

import dev.agentsession.portability.ExportFilter;
import java.time.Instant;
import picocli.CommandLine.Option;

/** Which part of a store a command takes. */
final class ScopeOptions {

    @Option(names = "--app", description = "only this app")
    String app;

    @Option(names = "--user", description = "only this user (with --app)")
    String user;

    @Option(names = "--session", description = "only this session (with --app and --user)")
    String session;

    @Option(names = "--updated-since", description = "only sessions updated at or after this ISO-8601 instant")
    Instant updatedSince;

    ExportFilter filter() {
        ExportFilter filter = new ExportFilter(app, user, session, null);
        return updatedSince == null ? filter : filter.updatedSince(updatedSince);
    }
}
