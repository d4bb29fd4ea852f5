-- The three state tables keyed by their primary key alone (WITHOUT ROWID). A state row is then one
-- entry of one b-tree: setting or reading a key is one search of it instead of a search of the key's
-- index and then of the table, and adding or removing a key changes one page instead of a page of
-- each. Rows are small (a key and a JSON value), which is where SQLite advises this layout; a large
-- value spills to overflow pages either way. Same columns, keys and names as before.

CREATE TABLE session_state_v4 (
    session_pk  BIGINT NOT NULL
        CONSTRAINT fk_session_state_session REFERENCES sessions (pk) ON DELETE CASCADE,
    state_key   TEXT   NOT NULL,
    state_value TEXT   NOT NULL,
    CONSTRAINT pk_session_state PRIMARY KEY (session_pk, state_key)
) WITHOUT ROWID;

INSERT INTO session_state_v4 (session_pk, state_key, state_value)
SELECT session_pk, state_key, state_value FROM session_state;

DROP TABLE session_state;
ALTER TABLE session_state_v4 RENAME TO session_state;

CREATE TABLE app_state_v4 (
    app_name    TEXT NOT NULL,
    state_key   TEXT NOT NULL,
    state_value TEXT NOT NULL,
    CONSTRAINT pk_app_state PRIMARY KEY (app_name, state_key)
) WITHOUT ROWID;

INSERT INTO app_state_v4 (app_name, state_key, state_value)
SELECT app_name, state_key, state_value FROM app_state;

DROP TABLE app_state;
ALTER TABLE app_state_v4 RENAME TO app_state;

CREATE TABLE user_state_v4 (
    app_name    TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    state_key   TEXT NOT NULL,
    state_value TEXT NOT NULL,
    CONSTRAINT pk_user_state PRIMARY KEY (app_name, user_id, state_key)
) WITHOUT ROWID;

INSERT INTO user_state_v4 (app_name, user_id, state_key, state_value)
SELECT app_name, user_id, state_key, state_value FROM user_state;

DROP TABLE user_state;
ALTER TABLE user_state_v4 RENAME TO user_state;
