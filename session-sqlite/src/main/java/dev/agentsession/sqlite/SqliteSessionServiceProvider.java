package dev.agentsession.sqlite;

import dev.agentsession.SessionService;
import dev.agentsession.SessionStoreConfig;
import dev.agentsession.spi.SessionServiceProvider;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Opens {@code sqlite:PATH} and {@code jdbc:sqlite:PATH} URLs. Settings: the config's
 * {@code maxPoolSize} is the reader pool size (default 4), {@code migrate} as given, and the
 * option {@code synchronous} ({@code NORMAL} or {@code FULL}). Found by
 * {@link java.util.ServiceLoader}; programs use {@link dev.agentsession.SessionServices#open}.
 */
public final class SqliteSessionServiceProvider implements SessionServiceProvider {

    private static final Set<String> OPTIONS = Set.of("synchronous");

    @Override
    public String module() {
        return "session-sqlite";
    }


    @Override
    public SessionService open(SessionStoreConfig config) {
        Path path = path(config.url());
        SqliteSessionService.Builder builder = SqliteSessionService.builder().path(path).migrate(config.migrate());
        if (config.maxPoolSize() > 0) {
            builder.readPoolSize(config.maxPoolSize());
        }
        for (Map.Entry<String, String> option : config.options().entrySet()) {
            if (!OPTIONS.contains(option.getKey())) {
                throw new IllegalArgumentException("unknown SQLite option '" + option.getKey()
                        + "'; known options: " + OPTIONS);
            }
        }
        String synchronous = config.options().get("synchronous");
        if (synchronous != null) {
            try {
                builder.synchronous(Synchronous.valueOf(synchronous.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("option synchronous must be NORMAL or FULL, was '"
                        + synchronous + "'", e);
            }
        }
        return builder.build();
    }

    /** The file named by a {@code sqlite:} or {@code jdbc:sqlite:} URL. */
    static Path path(String url) {
        String rest = url.substring(url.toLowerCase(Locale.ROOT).startsWith("jdbc:") ? "jdbc:sqlite:".length()
                : "sqlite:".length());
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        int query = rest.indexOf('?');
        String parameters = query >= 0 ? rest.substring(query + 1).toLowerCase(Locale.ROOT) : "";
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        if (rest.equals(":memory:") || rest.startsWith(":memory:") || parameters.matches("(.*&)?mode=memory(&.*)?")) {
            throw new IllegalArgumentException("an in-memory SQLite database is not supported ('" + url
                    + "'); use memory: (module session-memory) for a store that lives in memory");
        }
        if (rest.isBlank()) {
            throw new IllegalArgumentException("the URL '" + url + "' names no file; expected sqlite:/path/sessions.db");
        }
        return Path.of(rest);
    }
}
