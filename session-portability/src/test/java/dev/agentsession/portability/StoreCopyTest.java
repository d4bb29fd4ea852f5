package dev.agentsession.portability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import dev.agentsession.conformance.TestDatabase;
import dev.agentsession.spi.SessionImport.OnExisting;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("copy between stores")
class StoreCopyTest {

    @TempDir
    Path folder;

    @Test
    @DisplayName("SQLite to PostgreSQL to MariaDB to memory ends equal to where it began")
    void chain() throws Exception {
        try (SessionService sqlite = SessionServices.open("sqlite:" + folder.resolve("source.db"));
             SessionService postgres = SessionServices.open(TestDatabase.POSTGRES.freshStoreUrl(() -> null));
             SessionService mariadb = SessionServices.open(TestDatabase.MYSQL.freshStoreUrl(() -> null));
             SessionService memory = SessionServices.open("memory:")) {
            PortabilityContract.fill(sqlite);
            Map<String, Object> original = PortabilityContract.view(sqlite);

            Summary first = StoreCopy.copy(sqlite, postgres, ExportFilter.all(), OnExisting.FAIL);
            StoreCopy.copy(postgres, mariadb, ExportFilter.all(), OnExisting.FAIL);
            StoreCopy.copy(mariadb, memory, ExportFilter.all(), OnExisting.FAIL);

            assertThat(first).isEqualTo(new Summary(2, 3, 9, 0, 36));
            assertThat(PortabilityContract.view(postgres)).isEqualTo(original);
            assertThat(PortabilityContract.view(mariadb)).isEqualTo(original);
            assertThat(PortabilityContract.view(memory)).isEqualTo(original);
            assertThat(StoreCopy.copy(sqlite, memory, ExportFilter.all(), OnExisting.SKIP).skipped()).isEqualTo(9);
        }
    }
}
