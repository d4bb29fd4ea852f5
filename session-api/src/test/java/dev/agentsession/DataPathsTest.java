package dev.agentsession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("data paths")
class DataPathsTest {

    private static final Path HOME = Path.of("/home/ann");

    @Test
    @DisplayName("Linux uses XDG_DATA_HOME, or ~/.local/share without it")
    void linux() {
        assertThat(DataPaths.dataDirectory("Linux", Map.of(), HOME, "demo"))
                .isEqualTo(Path.of("/home/ann/.local/share/demo"));
        assertThat(DataPaths.dataDirectory("Linux", Map.of("XDG_DATA_HOME", "/data"), HOME, "demo"))
                .isEqualTo(Path.of("/data/demo"));
        assertThat(DataPaths.dataDirectory("Linux", Map.of("XDG_DATA_HOME", "relative"), HOME, "demo"))
                .as("a relative XDG_DATA_HOME is ignored, as the spec says")
                .isEqualTo(Path.of("/home/ann/.local/share/demo"));
    }

    @Test
    @DisplayName("macOS uses ~/Library/Application Support")
    void macOs() {
        assertThat(DataPaths.dataDirectory("Mac OS X", Map.of(), HOME, "demo"))
                .isEqualTo(Path.of("/home/ann/Library/Application Support/demo"));
    }

    @Test
    @DisplayName("Windows uses LOCALAPPDATA, or ~/AppData/Local without it")
    void windows() {
        assertThat(DataPaths.dataDirectory("Windows 11", Map.of("LOCALAPPDATA", "/c/Users/ann/AppData/Local"),
                HOME, "demo")).isEqualTo(Path.of("/c/Users/ann/AppData/Local/demo"));
        assertThat(DataPaths.dataDirectory("Windows 11", Map.of(), HOME, "demo"))
                .isEqualTo(Path.of("/home/ann/AppData/Local/demo"));
    }

    @Test
    @DisplayName("names with path separators or dots are rejected")
    void plainNamesOnly() {
        assertThatThrownBy(() -> DataPaths.databaseFile("../etc", "x.db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("application");
        assertThatThrownBy(() -> DataPaths.databaseFile("demo", "a/b.db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("fileName");
        assertThatThrownBy(() -> DataPaths.databaseFile("demo", ".."))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("fileName");
        assertThatThrownBy(() -> DataPaths.databaseFile(" ", "x.db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("application must not be blank");
    }

    @Test
    @DisplayName("missing directories are created owner-only")
    void createsPrivateDirectories(@TempDir Path temp) throws Exception {
        Path directory = temp.resolve("a").resolve("b");
        DataPaths.createPrivateDirectories(directory);

        assertThat(directory).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("a"))))
                .isEqualTo("rwx------");
        DataPaths.createPrivateDirectories(directory);
    }
}
