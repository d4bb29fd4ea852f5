-- agent-session schema, MySQL 8 and MariaDB 10.6+ dialect.
-- Times are microseconds since 1970-01-01T00:00:00Z (UTC) in a BIGINT: exact, sortable, and free
-- of any time-zone conversion by drivers or servers.
-- Text is utf8mb4 (emoji included); keys use utf8mb4_bin, so 'ABC' and 'abc' are two ids and
-- ids compare by code point, as on SQLite and PostgreSQL. Long text is LONGTEXT: TEXT holds only
-- 64 KB. Lengths match the documented limits (dev.agentsession.Limits). MySQL names every primary
-- key PRIMARY, so those constraints carry no name here.

CREATE TABLE sessions (
    -- Internal key, never reused (InnoDB keeps the counter across restarts): a handle on a
    -- deleted session can never reach a new session that takes the same id.
    pk            BIGINT       NOT NULL AUTO_INCREMENT,
    id            VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    app_name      VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    user_id       VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    agent_id      VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    metadata      JSON         NULL,
    created_at    BIGINT       NOT NULL,
    updated_at    BIGINT       NOT NULL,
    -- The sequence of the newest event; an append raises it, which locks the row.
    last_sequence BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (pk),
    CONSTRAINT uk_sessions_scope_id UNIQUE (app_name, user_id, id),
    INDEX ix_sessions_scope_updated (app_name, user_id, updated_at),
    INDEX ix_sessions_app_updated (app_name, updated_at)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE events (
    id                    VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    session_pk            BIGINT       NOT NULL,
    sequence              BIGINT       NOT NULL,
    invocation_id         VARCHAR(255) NULL,
    agent_id              VARCHAR(255) NULL,
    branch                VARCHAR(255) NULL,
    author                VARCHAR(255) NOT NULL,
    content               LONGTEXT     NULL,
    reasoning             LONGTEXT     NULL,
    actions               JSON         NULL,
    long_running_tool_ids JSON         NULL,
    metadata              JSON         NULL,
    created_at            BIGINT       NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_events_session_sequence UNIQUE (session_pk, sequence),
    CONSTRAINT fk_events_session FOREIGN KEY (session_pk) REFERENCES sessions (pk) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
