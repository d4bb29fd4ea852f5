package dev.agentsession.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.sql.StatementCatalog;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every statement the store sends, rendered without a database, is the committed
 * {@code src/test/resources/sql/statements.sql}: a change to the SQL shows in that file's diff.
 * After a change that is meant, run with {@code -Dagentsession.golden=update} and commit the file.
 */
class GoldenSqlTest {

    @Test
    @DisplayName("the statements a store sends are the ones in the golden file")
    void statementsAreTheGoldenOnes() throws IOException {
        StatementCatalog.Golden golden = StatementCatalog.golden(SqliteDialect.INSTANCE,
                Path.of("src/test/resources/sql/statements.sql"));
        assertThat(golden.rendered()).isEqualTo(golden.committed());
    }
}
