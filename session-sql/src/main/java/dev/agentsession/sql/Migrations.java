package dev.agentsession.sql;

import dev.agentsession.SessionStoreException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Creates or upgrades the schema with the Flyway migrations kept in {@code session-codegen}, one
 * folder per dialect ({@code db/migration/sqlite}, {@code .../postgresql}, {@code .../mysql}).
 */
public final class Migrations {

    private Migrations() {
    }

    /**
     * Applies every pending migration of {@code folder}. Two processes opening a new store at the
     * same moment can race to create it; the loser finds the schema in place on its second try.
     *
     * @param dataSource connections to the database; not closed here
     * @param folder the dialect's folder under {@code db/migration}, such as {@code "sqlite"}
     * @param description what the store is, for the error message
     * @throws SessionStoreException if the migrations cannot be applied
     */
    public static void migrate(DataSource dataSource, String folder, String description) {
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + folder)
                .failOnMissingLocations(true)
                .load();
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
}
