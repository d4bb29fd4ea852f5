package dev.agentsession;

import dev.agentsession.internal.InputRules;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;

/**
 * The standard place for an application's data on each operating system, for programs that keep
 * their sessions in a local SQLite file.
 *
 * <ul>
 *   <li>macOS: {@code ~/Library/Application Support/<application>/}</li>
 *   <li>Windows: {@code %LOCALAPPDATA%\<application>\}</li>
 *   <li>Linux and other Unix: {@code $XDG_DATA_HOME/<application>/}, by default
 *       {@code ~/.local/share/<application>/}</li>
 * </ul>
 */
public final class DataPaths {

    private DataPaths() {
    }

    /**
     * Returns the path of a file in the application's data directory, creating the directory
     * (owner-only, 0700, where POSIX permissions exist) if it is missing. The file itself is not
     * created.
     *
     * @param application the application's directory name: not blank, no path separators, not
     *     {@code .} or {@code ..}
     * @param fileName the file's name, with the same rules
     * @throws IllegalArgumentException if a name is not a plain file name
     * @throws SessionStoreException if the directory cannot be created
     */
    public static Path databaseFile(String application, String fileName) {
        Path directory = dataDirectory(System.getProperty("os.name", ""), System.getenv(),
                Path.of(System.getProperty("user.home")), application);
        checkPlainName("fileName", fileName);
        createPrivateDirectories(directory);
        return directory.resolve(fileName);
    }

    /** Computes the data directory without touching the disk. Visible for tests. */
    static Path dataDirectory(String osName, Map<String, String> env, Path home, String application) {
        checkPlainName("application", application);
        String os = osName.toLowerCase(Locale.ROOT);
        Path base;
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            base = home.resolve("Library").resolve("Application Support");
        } else if (os.startsWith("windows")) {
            String localAppData = env.get("LOCALAPPDATA");
            base = present(localAppData)
                    ? home.getFileSystem().getPath(localAppData)
                    : home.resolve("AppData").resolve("Local");
        } else {
            String xdg = env.get("XDG_DATA_HOME");
            // The XDG spec says a relative value is invalid and must be ignored.
            base = present(xdg) && home.getFileSystem().getPath(xdg).isAbsolute()
                    ? home.getFileSystem().getPath(xdg)
                    : home.resolve(".local").resolve("share");
        }
        return base.resolve(application);
    }

    /**
     * Creates a directory and its missing parents; the ones created here are owner-only where
     * the file system has POSIX permissions.
     *
     * @throws SessionStoreException if a directory cannot be created
     */
    public static void createPrivateDirectories(Path directory) {
        Path absolute = directory.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createPrivateDirectories(parent);
        }
        try {
            if (posix(absolute)) {
                Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(absolute);
            }
        } catch (FileAlreadyExistsException raced) {
            if (!Files.isDirectory(absolute)) {
                throw new SessionStoreException("cannot create directory " + absolute
                        + ": a file of that name exists", raced);
            }
        } catch (IOException e) {
            throw new SessionStoreException("cannot create directory " + absolute, e);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static void checkPlainName(String field, String name) {
        InputRules.requireName(field, name);
        if (name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")
                || name.contains(":")) {
            throw new IllegalArgumentException(field + " must be a plain file name without path"
                    + " separators, was '" + name + "'");
        }
    }
}
