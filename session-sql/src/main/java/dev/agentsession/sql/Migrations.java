package dev.agentsession.sql;

import dev.agentsession.SessionStoreException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Creates or upgrades the schema with the Flyway migrations kept in {@code session-codegen}, one
 * folder per dialect ({@code db/migration/sqlite}, {@code .../postgresql}, {@code .../mysql}), and
 * refuses a store that a newer release has already upgraded past what this one knows.
 */
public final class Migrations {

    private Migrations() {
    }

    private static Flyway flyway(DataSource dataSource, String folder) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + folder)
                .failOnMissingLocations(true)
                .load();
    }

    /**
     * Applies every pending migration of {@code folder}. Two processes opening a new store at the
     * same moment can race to create it; the loser finds the schema in place on its second try.
     *
     * @param dataSource connections to the database; not closed here
     * @param folder the dialect's folder under {@code db/migration}, such as {@code "sqlite"}
     * @param description what the store is, for the error message
     * @throws SessionStoreException if the store holds a newer schema than this release knows
     *     (nothing is changed then), or the migrations cannot be applied
     */
    public static void migrate(DataSource dataSource, String folder, String description) {
        Flyway flyway = flyway(dataSource, folder);
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
     * @param folder the dialect's folder under {@code db/migration}
     * @param description what the store is, for the error message
     * @throws SessionStoreException naming both versions; nothing in the store is changed
     */
    public static void requireKnownVersion(DataSource dataSource, String folder, String description) {
        requireKnownVersion(flyway(dataSource, folder), description);
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
