package dev.agentsession.cli;

import dev.agentsession.GetRequest;
import dev.agentsession.SessionService;
import dev.agentsession.sql.SchemaCheck;
import dev.agentsession.sql.SqlSessionService;
import dev.agentsession.sqlite.SqliteSessionService;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sqlite.SQLiteConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Checks a store: reachable, schema version, schema drift; for SQLite its pragmas and integrity. */
@Command(name = "doctor", description = "Check a store: reachable, schema version and drift; for SQLite, pragmas and"
        + " integrity_check. Exit code 3 when a problem is found.")
final class DoctorCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() throws SQLException {
        Map<String, Object> report = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        try (SessionService service = store.open(StoreOptions.Access.READ)) {
            report.put("store", service.toString());
            service.get(new GetRequest("agent-session", "doctor", "probe"));
            report.put("reachable", true);
            if (service instanceof SqlSessionService sql) {
                report.put("schemaVersion", sql.schemaVersion());
                List<String> drift = SchemaCheck.differences(sql.database());
                report.put("schemaDrift", drift);
                problems.addAll(drift);
            }
            if (service instanceof SqliteSessionService sqlite) {
                SQLiteConfig readOnly = new SQLiteConfig();
                readOnly.setReadOnly(true);
                try (Connection connection = readOnly.createConnection("jdbc:sqlite:" + sqlite.path());
                     Statement statement = connection.createStatement()) {
                    Map<String, Object> pragmas = new LinkedHashMap<>();
                    for (String pragma : List.of("journal_mode", "page_size", "page_count", "freelist_count")) {
                        pragmas.put(pragma, single(statement, "PRAGMA " + pragma));
                    }
                    report.put("pragmas", pragmas);
                    Object integrity = single(statement, "PRAGMA integrity_check");
                    report.put("integrityCheck", integrity);
                    if (!"ok".equals(integrity)) {
                        problems.add("integrity_check: " + integrity);
                    }
                }
            }
        }
        report.put("problems", problems);
        if (json) {
            Output.json(System.out, report);
        } else {
            report.forEach((key, value) -> System.out.println(key + ": " + value));
        }
        return problems.isEmpty() ? 0 : SessionCli.PROBLEM;
    }

    private static Object single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getObject(1) : null;
        }
    }
}
