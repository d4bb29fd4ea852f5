-- State in three tiers (the session's own keys, the app's, the user's), each key a row so that
-- concurrent deltas to one tier from many sessions change only the rows they touch; and event ids
-- unique per session rather than globally, so a caller can choose them (idempotent appends).
-- A removed key has no row.

CREATE TABLE session_state (
    session_pk  bigint NOT NULL
        CONSTRAINT fk_session_state_session REFERENCES sessions (pk) ON DELETE CASCADE,
    state_key   text COLLATE "C" NOT NULL,
    state_value jsonb  NOT NULL,
    CONSTRAINT pk_session_state PRIMARY KEY (session_pk, state_key)
);

CREATE TABLE app_state (
    app_name    text COLLATE "C" NOT NULL,
    state_key   text COLLATE "C" NOT NULL,
    state_value jsonb NOT NULL,
    CONSTRAINT pk_app_state PRIMARY KEY (app_name, state_key)
);

CREATE TABLE user_state (
    app_name    text COLLATE "C" NOT NULL,
    user_id     text COLLATE "C" NOT NULL,
    state_key   text COLLATE "C" NOT NULL,
    state_value jsonb NOT NULL,
    CONSTRAINT pk_user_state PRIMARY KEY (app_name, user_id, state_key)
);

ALTER TABLE events DROP CONSTRAINT pk_events;
ALTER TABLE events ADD CONSTRAINT pk_events PRIMARY KEY (session_pk, id);
ALTER TABLE events ADD COLUMN state_delta jsonb;
