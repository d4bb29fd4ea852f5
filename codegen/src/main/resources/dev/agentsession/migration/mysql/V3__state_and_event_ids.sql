-- State in three tiers (the session's own keys, the app's, the user's), each key a row so that
-- concurrent deltas to one tier from many sessions change only the rows they touch; and event ids
-- unique per session rather than globally, so a caller can choose them (idempotent appends, ids of
-- up to 128 characters like session ids). A removed key has no row.

CREATE TABLE session_state (
    session_pk  BIGINT       NOT NULL,
    state_key   VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    state_value JSON         NOT NULL,
    PRIMARY KEY (session_pk, state_key),
    CONSTRAINT fk_session_state_session FOREIGN KEY (session_pk) REFERENCES sessions (pk) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE app_state (
    app_name    VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    state_key   VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    state_value JSON         NOT NULL,
    PRIMARY KEY (app_name, state_key)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE user_state (
    app_name    VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    user_id     VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    state_key   VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    state_value JSON         NOT NULL,
    PRIMARY KEY (app_name, user_id, state_key)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

ALTER TABLE events
    MODIFY id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (session_pk, id),
    ADD COLUMN state_delta JSON NULL;
