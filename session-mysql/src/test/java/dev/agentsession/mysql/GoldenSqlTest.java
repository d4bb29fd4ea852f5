package dev.agentsession.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.sql.StatementCatalog;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every statement the store sends, rendered without a database, is the committed golden file of
 * its server: {@code src/test/resources/sql/mariadb.sql} and {@code mysql.sql}. A change to the SQL
 * shows in those files' diffs. After a change that is meant, run with
 * {@code -Dagentsession.golden=update} and commit the files.
 */
class GoldenSqlTest {

    @Test
    @DisplayName("the statements a MariaDB store sends are the ones in the golden file")
    void mariadbStatementsAreTheGoldenOnes() throws IOException {
        StatementCatalog.Golden golden = StatementCatalog.golden(MysqlDialect.MARIADB,
                Path.of("src/test/resources/sql/mariadb.sql"));
        assertThat(golden.rendered()).isEqualTo(golden.committed());
    }

    @Test
    @DisplayName("the statements a MySQL store sends are the ones in the golden file")
    void mysqlStatementsAreTheGoldenOnes() throws IOException {
        StatementCatalog.Golden golden = StatementCatalog.golden(MysqlDialect.MYSQL,
                Path.of("src/test/resources/sql/mysql.sql"));
        assertThat(golden.rendered()).isEqualTo(golden.committed());
    }
}
