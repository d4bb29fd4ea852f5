package dev.agentsession.spring.boot;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code agent-session.*} properties.
 */
@ConfigurationProperties(prefix = "agent-session")
public class AgentSessionProperties {

    /**
     * The store URL: memory:, sqlite:PATH, jdbc:postgresql://..., jdbc:mysql://... or
     * jdbc:mariadb://.... When not set, the application's DataSource is used.
     */
    private String url;

    /** The database user, when not in the URL. */
    private String user;

    /** The database password, when not in the URL. */
    private String password;

    /** The most connections the store's own pool opens (server databases). */
    private int poolSize = 10;

    /** Whether the store brings its schema up to date when it opens. */
    private boolean migrate = true;

    /** The scope the chat memories keep their conversations in. */
    private final ChatMemory chatMemory = new ChatMemory();

    /** How a server store retries failures that are safe to retry; each unset value keeps the store's default. */
    private final Retry retry = new Retry();

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public int getPoolSize() {
        return poolSize;
    }

    public void setPoolSize(int poolSize) {
        this.poolSize = poolSize;
    }

    public boolean isMigrate() {
        return migrate;
    }

    public void setMigrate(boolean migrate) {
        this.migrate = migrate;
    }

    public ChatMemory getChatMemory() {
        return chatMemory;
    }

    public Retry getRetry() {
        return retry;
    }

    /** The retry policy of a store on a database server (see dev.agentsession.RetryPolicy). */
    public static class Retry {

        /** How many times a call runs at most, the first included (default 8; 1 turns retries off). */
        private Integer maxAttempts;

        /** The longest wait before the second attempt, doubling with each one (default 10ms). */
        private Duration initialBackoff;

        /** The longest wait before any attempt (default 1s). */
        private Duration maxBackoff;

        public Integer getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(Integer maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }
    }

    /** The (app, user) scope of the chat memories' conversations, and the window of the chat memory. */
    public static class ChatMemory {

        /** The app name the chat memories keep their conversations under. */
        private String appName = "chat";

        /** The user id the chat memories keep their conversations under. */
        private String userId = "default";

        /** How many messages the Spring AI ChatMemory keeps in its window. */
        private int maxMessages = 20;

        public String getAppName() {
            return appName;
        }

        public void setAppName(String appName) {
            this.appName = appName;
        }

        public String getUserId() {
            return userId;
        }

        public void setUserId(String userId) {
            this.userId = userId;
        }

        public int getMaxMessages() {
            return maxMessages;
        }

        public void setMaxMessages(int maxMessages) {
            this.maxMessages = maxMessages;
        }
    }
}
