package dev.agentsession;

import dev.agentsession.internal.InputRules;
import dev.agentsession.internal.Secrets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how to open a store, for {@link SessionServices#open(SessionStoreConfig)}.
 *
 * <p>Settings a backend does not use are ignored by it (an in-memory store has no password).
 * {@link #toString()} never shows the password.
 *
 * @param url which store to open, such as {@code sqlite:/var/lib/app/sessions.db} or
 *     {@code jdbc:postgresql://db:5432/app} (see {@link SessionServices}); required
 * @param user the database user, or {@code null} to take it from the URL
 * @param password the database password, or {@code null} to take it from the URL
 * @param maxPoolSize the most connections to keep open, or {@code 0} for the backend's default
 * @param migrate whether to create or upgrade the schema when the store opens
 * @param options backend-specific settings by name (each backend documents its own)
 */
public record SessionStoreConfig(String url, String user, String password, int maxPoolSize,
                                 boolean migrate, Map<String, String> options) {

    /**
     * @throws IllegalArgumentException for a missing url or a negative pool size
     */
    public SessionStoreConfig {
        InputRules.requireNonNull("url", url);
        if (url.isBlank()) {
            throw new IllegalArgumentException("url must not be blank");
        }
        InputRules.requireNotNegative("maxPoolSize", maxPoolSize);
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** The given URL with every other setting at its default (migrate on open). */
    public static SessionStoreConfig of(String url) {
        return builder(url).build();
    }

    /** Starts a configuration for the given URL. */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    /** Shows every setting except the password, and the URL with any password in it masked. */
    @Override
    public String toString() {
        return "SessionStoreConfig[url=" + Secrets.maskUrl(url) + ", user=" + user
                + ", password=" + (password == null ? "null" : "****")
                + ", maxPoolSize=" + maxPoolSize + ", migrate=" + migrate
                + ", options=" + options.keySet() + "]";
    }

    /** Builds a {@link SessionStoreConfig}. */
    public static final class Builder {
        private final String url;
        private String user;
        private String password;
        private int maxPoolSize;
        private boolean migrate = true;
        private final LinkedHashMap<String, String> options = new LinkedHashMap<>();

        private Builder(String url) {
            this.url = url;
        }

        /** Sets the database user. */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** Sets the database password. */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** Sets the most connections to keep open; {@code 0} (the default) lets the backend choose. */
        public Builder maxPoolSize(int maxPoolSize) {
            this.maxPoolSize = maxPoolSize;
            return this;
        }

        /** Whether to create or upgrade the schema on open; {@code true} by default. */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /** Sets one backend-specific setting. */
        public Builder option(String name, String value) {
            options.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** @throws IllegalArgumentException as {@link SessionStoreConfig} describes */
        public SessionStoreConfig build() {
            return new SessionStoreConfig(url, user, password, maxPoolSize, migrate, options);
        }
    }
}
