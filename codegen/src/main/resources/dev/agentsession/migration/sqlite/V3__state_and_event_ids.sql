-- State in three tiers (the session's own keys, the app's, the user's), each key a row so that
-- concurrent deltas to one tier from many sessions change only the rows they touch; and event ids
-- unique per session rather than globally, so a caller can choose them (idempotent appends).
-- JSON values are text that SQLite's JSON functions read; a removed key has no row.

CREATE TABLE session_state (
    session_pk  BIGINT NOT NULL
        CONSTRAINT fk_session_state_session REFERENCES sessions (pk) ON DELETE CASCADE,
    state_key   TEXT   NOT NULL,
    state_value TEXT   NOT NULL,
    CONSTRAINT pk_session_state PRIMARY KEY (session_pk, state_key)
);

CREATE TABLE app_state (
    app_name    TEXT NOT NULL,
    state_key   TEXT NOT NULL,
    state_value TEXT NOT NULL,
    CONSTRAINT pk_app_state PRIMARY KEY (app_name, state_key)
);

CREATE TABLE user_state (
    app_name    TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    state_key   TEXT NOT NULL,
    state_value TEXT NOT NULL,
    CONSTRAINT pk_user_state PRIMARY KEY (app_name, user_id, state_key)
);

-- SQLite cannot change a primary key in place: the events table is rebuilt with its rows.
CREATE TABLE events_v3 (
    id                    TEXT   NOT NULL,
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
    state_delta           TEXT,
    CONSTRAINT pk_events PRIMARY KEY (session_pk, id),
    CONSTRAINT uk_events_session_sequence UNIQUE (session_pk, sequence)
);

INSERT INTO events_v3 (id, session_pk, sequence, invocation_id, agent_id, branch, author, content, reasoning,
                       actions, long_running_tool_ids, metadata, created_at)
SELECT id, session_pk, sequence, invocation_id, agent_id, branch, author, content, reasoning,
       actions, long_running_tool_ids, metadata, created_at
FROM events;

DROP TABLE events;
ALTER TABLE events_v3 RENAME TO events;
