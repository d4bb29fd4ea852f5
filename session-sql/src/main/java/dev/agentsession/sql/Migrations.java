package dev.agentsession.sql;

import dev.agentsession.SessionStoreException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Creates or upgrades the schema with the Flyway migrations kept in {@code session-codegen}, one
 * folder per dialect ({@code dev/agentsession/migration/sqlite}, {@code .../postgresql}, {@code .../mysql}; not under
 * {@code db/migration}, so an application's own Flyway, which looks there by default, never finds them), and
 * refuses a store that a newer release has already upgraded past what this one knows.
 */
public final class Migrations {

    /** Where the migrations are on the class path, one folder per dialect. */
    public static final String LOCATION = "dev/agentsession/migration";

    private Migrations() {
    }

    /**
     * The store's own schema history table. Not Flyway's default, which an application's own
     * Flyway uses: the two would take each other's migrations for foreign ones.
     */
    public static final String HISTORY = "agent_session_schema_history";
    /** Where releases before 0.2 kept the store's schema history. */
    static final String LEGACY_HISTORY = "flyway_schema_history";
    /** The first migration's script, which tells this store's history from an application's. */
    private static final String FIRST_SCRIPT = "V1__sessions_and_events.sql";

    private static Flyway flyway(DataSource dataSource, String folder, String table) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:" + LOCATION + "/" + folder)
                .table(table)
                // in a schema that already holds an application's tables, start from nothing
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .failOnMissingLocations(true)
                .load();
    }

    /**
     * Gives a store made before 0.2, whose history is in Flyway's default table, a history of its
     * own: a baseline at the version it reached. Nothing else changes; the old table stays.
     */
    private static void adoptLegacyHistory(DataSource dataSource, String folder, String description) {
        String reached = legacyVersion(dataSource, description);
        if (reached != null) {
            Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:" + LOCATION + "/" + folder)
                    .table(HISTORY)
                    .baselineVersion(reached)
                    .baselineDescription("history adopted from " + LEGACY_HISTORY)
                    .load()
                    .baseline();
        }
    }

    /**
     * @return the version a store made before 0.2 reached, when it has no history of its own and
     *     Flyway's default table holds this store's migrations; null otherwise
     */
    private static String legacyVersion(DataSource dataSource, String description) {
        try (Connection connection = dataSource.getConnection()) {
            if (tableExists(connection, HISTORY) || !tableExists(connection, LEGACY_HISTORY)) {
                return null;
            }
            boolean ours = false;
            MigrationVersion reached = null;
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT version, script, success FROM " + LEGACY_HISTORY)) {
                while (rows.next()) {
                    ours |= FIRST_SCRIPT.equals(rows.getString(2));
                    String version = rows.getString(1);
                    if (version != null && rows.getBoolean(3)) {
                        MigrationVersion candidate = MigrationVersion.fromVersion(version);
                        reached = reached == null || candidate.isNewerThan(reached.getVersion()) ? candidate : reached;
                    }
                }
            }
            return ours && reached != null ? reached.getVersion() : null;
        } catch (SQLException e) {
            throw new SessionStoreException("cannot read the schema history of " + description, e);
        }
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        for (String name : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
            try (ResultSet tables = metaData.getTables(connection.getCatalog(), connection.getSchema(), name, null)) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Applies every pending migration of {@code folder}. Two processes opening a new store at the
     * same moment can race to create it; the loser finds the schema in place on its second try.
     *
     * @param dataSource connections to the database; not closed here
     * @param folder the dialect's folder under {@value #LOCATION}, such as {@code "sqlite"}
     * @param description what the store is, for the error message
     * @throws SessionStoreException if the store holds a newer schema than this release knows
     *     (nothing is changed then), or the migrations cannot be applied
     */
    public static void migrate(DataSource dataSource, String folder, String description) {
        Flyway legacy = legacyVersion(dataSource, description) == null ? null : flyway(dataSource, folder, LEGACY_HISTORY);
        if (legacy != null) {
            requireKnownVersion(legacy, description);
            adoptLegacyHistory(dataSource, folder, description);
        }
        Flyway flyway = flyway(dataSource, folder, HISTORY);
        requireKnownVersion(flyway, description);
        try {
            flyway.migrate();
        } catch (FlywayException first) {
            try {
                flyway.migrate();
            } catch (FlywayException second) {
                second.addSuppressed(first);
                throw new SessionStoreException("cannot create or upgrade the schema of " + description, second);
            }
        }
    }

    /**
     * Refuses a store whose schema history holds a version this release does not know: it was
     * written by a newer release, and opening it here could lose what that release keeps.
     *
     * @param dataSource connections to the database; not closed here
     * @param folder the dialect's folder under {@value #LOCATION}
     * @param description what the store is, for the error message
     * @throws SessionStoreException naming both versions; nothing in the store is changed
     */
    public static void requireKnownVersion(DataSource dataSource, String folder, String description) {
        String table = legacyVersion(dataSource, description) == null ? HISTORY : LEGACY_HISTORY;
        requireKnownVersion(flyway(dataSource, folder, table), description);
    }

    private static void requireKnownVersion(Flyway flyway, String description) {
        MigrationVersion known = null;
        MigrationVersion newest = null;
        try {
            for (MigrationInfo info : flyway.info().all()) {
                if (info.getVersion() == null) {
                    continue;
                }
                if (info.getState().isResolved() && (known == null || info.getVersion().isNewerThan(known.getVersion()))) {
                    known = info.getVersion();
                }
                if (info.getState().isApplied() && !info.getState().isResolved()
                        && (newest == null || info.getVersion().isNewerThan(newest.getVersion()))) {
                    newest = info.getVersion();
                }
            }
        } catch (FlywayException e) {
            throw new SessionStoreException("cannot read the schema history of " + description, e);
        }
        if (newest != null && (known == null || newest.isNewerThan(known.getVersion()))) {
            throw new SessionStoreException(description + " holds schema version " + newest + ", written by a newer"
                    + " release of agent-session; this release knows versions up to " + known + ". Open it with"
                    + " that release or a newer one; nothing was changed");
        }
    }
}
