package dev.agentsession.portability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import dev.agentsession.conformance.TestDatabase;
import dev.agentsession.spi.SessionImport.OnExisting;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
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

    @Test
    @DisplayName("the portability page's example: SQLite to PostgreSQL, one app out to JSONL and back")
    void portabilityPageExample() throws Exception {
        String sqliteUrl = "sqlite:" + folder.resolve("sessions.db");
        String postgresUrl = TestDatabase.POSTGRES.freshStoreUrl(() -> null);
        Path file = folder.resolve("support-bot.jsonl");
        // tag::portability-page[]
        try (SessionService sqlite = SessionServices.open(sqliteUrl);
             SessionService postgres = SessionServices.open(postgresUrl)) {
            PortabilityContract.fill(sqlite); // not on the page
            Map<String, Object> original = PortabilityContract.view(sqlite); // not on the page
            StoreCopy.copy(sqlite, postgres, ExportFilter.all(), OnExisting.FAIL);
            assertThat(PortabilityContract.view(postgres)).isEqualTo(original); // not on the page

            try (OutputStream out = Files.newOutputStream(file)) {
                JsonlExport.export(postgres, ExportFilter.app("support-bot"), out);   // or .user(..), .session(..), .updatedSince(t)
            }
            try (InputStream in = Files.newInputStream(file)) {
                JsonlImport.importFrom(in, sqlite, OnExisting.SKIP);                   // FAIL, SKIP or REPLACE an existing id
            }
            assertThat(PortabilityContract.view(sqlite)).isEqualTo(original); // not on the page
        }
        // end::portability-page[]
        assertThat(Files.readAllLines(file)).isNotEmpty();
    }
}
