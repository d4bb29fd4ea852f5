-- Two changes for speed; what the tables hold does not change.
--
-- 1. InnoDB stores a table's rows in the order of its primary key. Events were kept in the order
--    of (session, id), and ids are often random (UUIDs), so reading a session's events by sequence
--    (the history, its last N, a stream) jumped to another page for nearly every row, and once the
--    table outgrew the buffer pool, to the disk. They are now kept in the order they are read,
--    (session, sequence); ids stay unique per session through a secondary key. On a large store
--    this statement rewrites the events table once (MySQL and MariaDB copy it while it is read).
ALTER TABLE events
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (session_pk, sequence),
    DROP INDEX uk_events_session_sequence,
    ADD CONSTRAINT uk_events_session_id UNIQUE (session_pk, id);

-- 2. An append in one round trip. Without this routine an append is START TRANSACTION, the update
--    of the session row, the insert of the event and COMMIT: four round trips, each a wait for the
--    network. The routine does the same work inside the server.
--
--    With own_transaction set it opens and commits (or on any error rolls back) a transaction of
--    its own, for a call in auto-commit; otherwise it runs in the caller's transaction, which the
--    caller commits (an append with a state delta, whose state rows are written in the same
--    transaction). It answers one row: the event's sequence and time, or two NULLs when the
--    session is gone or not at the expected sequence (then nothing is written).
--
--    Parameters carry their character set: a routine's text parameters otherwise take the
--    database's default one, which may not hold every character. SQL SECURITY INVOKER: the
--    caller's own rights on the tables apply (the caller needs EXECUTE on the routine; without it
--    the store appends with the four statements).
DELIMITER //
CREATE PROCEDURE agent_session_append(
    IN p_session_pk            BIGINT,
    IN p_now                   BIGINT,
    IN p_expected              BIGINT,
    IN p_own_transaction       BOOLEAN,
    IN p_id                    VARCHAR(128) CHARACTER SET utf8mb4,
    IN p_invocation_id         VARCHAR(255) CHARACTER SET utf8mb4,
    IN p_agent_id              VARCHAR(255) CHARACTER SET utf8mb4,
    IN p_branch                VARCHAR(255) CHARACTER SET utf8mb4,
    IN p_author                VARCHAR(255) CHARACTER SET utf8mb4,
    IN p_content               LONGTEXT     CHARACTER SET utf8mb4,
    IN p_reasoning             LONGTEXT     CHARACTER SET utf8mb4,
    IN p_actions               LONGTEXT     CHARACTER SET utf8mb4,
    IN p_long_running_tool_ids LONGTEXT     CHARACTER SET utf8mb4,
    IN p_metadata              LONGTEXT     CHARACTER SET utf8mb4,
    IN p_state_delta           LONGTEXT     CHARACTER SET utf8mb4)
    MODIFIES SQL DATA
    SQL SECURITY INVOKER
BEGIN
    DECLARE v_sequence BIGINT DEFAULT NULL;
    DECLARE v_created_at BIGINT DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        IF p_own_transaction THEN
            ROLLBACK;
        END IF;
        RESIGNAL;
    END;
    IF p_own_transaction THEN
        START TRANSACTION;
    END IF;
    UPDATE sessions
       SET last_sequence = last_sequence + 1,
           updated_at = GREATEST(updated_at, p_now)
     WHERE pk = p_session_pk
       AND last_sequence = COALESCE(p_expected, last_sequence);
    IF ROW_COUNT() = 1 THEN
        SELECT last_sequence, updated_at INTO v_sequence, v_created_at FROM sessions WHERE pk = p_session_pk;
        INSERT INTO events (id, session_pk, sequence, invocation_id, agent_id, branch, author, content, reasoning,
                            actions, long_running_tool_ids, metadata, created_at, state_delta)
        VALUES (p_id, p_session_pk, v_sequence, p_invocation_id, p_agent_id, p_branch, p_author, p_content,
                p_reasoning, p_actions, p_long_running_tool_ids, p_metadata, v_created_at, p_state_delta);
    END IF;
    IF p_own_transaction THEN
        IF v_sequence IS NULL THEN
            ROLLBACK;
        ELSE
            COMMIT;
        END IF;
    END IF;
    SELECT v_sequence AS sequence, v_created_at AS created_at;
END //
DELIMITER ;
