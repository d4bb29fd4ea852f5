-- agent-session schema, SQLite dialect.
-- Times are microseconds since 1970-01-01T00:00:00Z (UTC): exact, sortable, and free of any
-- time-zone conversion by drivers or servers. JSON columns hold text that SQLite's JSON
-- functions read.

CREATE TABLE sessions (
    -- Internal key. AUTOINCREMENT so a key is never reused: a handle on a deleted session can
    -- never reach a new session that takes the same id.
    pk            INTEGER NOT NULL CONSTRAINT pk_sessions PRIMARY KEY AUTOINCREMENT,
    id            TEXT    NOT NULL,
    app_name      TEXT    NOT NULL,
    user_id       TEXT    NOT NULL,
    agent_id      TEXT    NOT NULL,
    metadata      TEXT,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL,
    -- The sequence of the newest event; appends raise it under the write lock.
    last_sequence BIGINT  NOT NULL DEFAULT 0,
    CONSTRAINT uk_sessions_scope_id UNIQUE (app_name, user_id, id)
);

CREATE INDEX ix_sessions_scope_updated ON sessions (app_name, user_id, updated_at);
CREATE INDEX ix_sessions_app_updated ON sessions (app_name, updated_at);

CREATE TABLE events (
    id                    TEXT   NOT NULL CONSTRAINT pk_events PRIMARY KEY,
    session_pk            BIGINT NOT NULL
        CONSTRAINT fk_events_session REFERENCES sessions (pk) ON DELETE CASCADE,
    sequence              BIGINT NOT NULL,
    invocation_id         TEXT,
    agent_id              TEXT,
    branch                TEXT,
    author                TEXT   NOT NULL,
    content               TEXT,
    reasoning             TEXT,
    actions               TEXT,
    long_running_tool_ids TEXT,
    metadata              TEXT,
    created_at            BIGINT NOT NULL,
    CONSTRAINT uk_events_session_sequence UNIQUE (session_pk, sequence)
);
