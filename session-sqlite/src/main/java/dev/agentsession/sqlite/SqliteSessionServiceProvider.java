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
 * options {@code synchronous} ({@code NORMAL} or {@code FULL}), {@code createIfMissing}
 * ({@code true} or {@code false}, default {@code true}) and {@code readOnly} (default
 * {@code false}), as on {@link SqliteSessionService.Builder}. Found by
 * {@link java.util.ServiceLoader}; programs use {@link dev.agentsession.SessionServices#open}.
 */
public final class SqliteSessionServiceProvider implements SessionServiceProvider {

    private static final Set<String> OPTIONS = Set.of("synchronous", "createIfMissing", "readOnly");

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
        builder.createIfMissing(flag(config, "createIfMissing", true));
        builder.readOnly(flag(config, "readOnly", false));
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

    private static boolean flag(SessionStoreConfig config, String name, boolean fallback) {
        String value = config.options().get(name);
        if (value == null) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("option " + name + " must be true or false, was '" + value + "'");
        };
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
