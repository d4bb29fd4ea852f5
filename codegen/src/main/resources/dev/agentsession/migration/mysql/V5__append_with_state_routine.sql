-- An append whose state delta changes keys, in one round trip. Without this routine such an append
-- is the call of agent_session_append inside a transaction, then one statement per key and one
-- size query per tier, then COMMIT, each a wait for the network. This routine does the same work
-- inside the server, in a transaction of its own: the caller runs it in auto-commit.
--
-- Each tier's changes come as a JSON array of [key, value] pairs in key order (a JSON null value
-- removes the key), or NULL when the delta leaves the tier alone. Keys are written in that order,
-- tier by tier (the session's, the app's, the user's), as the store's separate statements do, so
-- two transactions take their row locks in one order. Each tier the delta touches is then measured
-- as the store measures it (the characters of its keys and values as JSON, four of punctuation
-- each, two for the braces); if one is over p_max_tier_size, everything is rolled back.
--
-- It answers one row: the event's sequence and time (NULLs when the session is gone, not at the
-- expected sequence, or a tier would be too large; then nothing is written) and the size of each
-- tier the delta touched.
--
-- agent_session_append stays as it was, so a store of the previous version keeps appending while
-- a fleet is upgraded. SQL SECURITY INVOKER and utf8mb4 parameters, as there.
DELIMITER //
CREATE PROCEDURE agent_session_append_with_state(
    IN p_session_pk            BIGINT,
    IN p_now                   BIGINT,
    IN p_expected              BIGINT,
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
    IN p_state_delta           LONGTEXT     CHARACTER SET utf8mb4,
    IN p_app_name              VARCHAR(255) CHARACTER SET utf8mb4,
    IN p_user_id               VARCHAR(255) CHARACTER SET utf8mb4,
    IN p_session_changes       LONGTEXT     CHARACTER SET utf8mb4,
    IN p_app_changes           LONGTEXT     CHARACTER SET utf8mb4,
    IN p_user_changes          LONGTEXT     CHARACTER SET utf8mb4,
    IN p_max_tier_size         BIGINT)
    MODIFIES SQL DATA
    SQL SECURITY INVOKER
BEGIN
    DECLARE v_sequence BIGINT DEFAULT NULL;
    DECLARE v_created_at BIGINT DEFAULT NULL;
    DECLARE v_session_size BIGINT DEFAULT NULL;
    DECLARE v_app_size BIGINT DEFAULT NULL;
    DECLARE v_user_size BIGINT DEFAULT NULL;
    DECLARE v_count INT;
    DECLARE v_i INT;
    DECLARE v_key VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
    DECLARE v_value LONGTEXT CHARACTER SET utf8mb4;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;
    START TRANSACTION;
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

        SET v_count = COALESCE(JSON_LENGTH(p_session_changes), 0), v_i = 0;
        WHILE v_i < v_count DO
            SET v_key = JSON_UNQUOTE(JSON_EXTRACT(p_session_changes, CONCAT('$[', v_i, '][0]'))),
                v_value = JSON_EXTRACT(p_session_changes, CONCAT('$[', v_i, '][1]'));
            IF JSON_TYPE(v_value) = 'NULL' THEN
                DELETE FROM session_state WHERE session_pk = p_session_pk AND state_key = v_key;
            ELSE
                INSERT INTO session_state (session_pk, state_key, state_value) VALUES (p_session_pk, v_key, v_value)
                    ON DUPLICATE KEY UPDATE state_value = VALUES(state_value);
            END IF;
            SET v_i = v_i + 1;
        END WHILE;

        SET v_count = COALESCE(JSON_LENGTH(p_app_changes), 0), v_i = 0;
        WHILE v_i < v_count DO
            SET v_key = JSON_UNQUOTE(JSON_EXTRACT(p_app_changes, CONCAT('$[', v_i, '][0]'))),
                v_value = JSON_EXTRACT(p_app_changes, CONCAT('$[', v_i, '][1]'));
            IF JSON_TYPE(v_value) = 'NULL' THEN
                DELETE FROM app_state WHERE app_name = p_app_name AND state_key = v_key;
            ELSE
                INSERT INTO app_state (app_name, state_key, state_value) VALUES (p_app_name, v_key, v_value)
                    ON DUPLICATE KEY UPDATE state_value = VALUES(state_value);
            END IF;
            SET v_i = v_i + 1;
        END WHILE;

        SET v_count = COALESCE(JSON_LENGTH(p_user_changes), 0), v_i = 0;
        WHILE v_i < v_count DO
            SET v_key = JSON_UNQUOTE(JSON_EXTRACT(p_user_changes, CONCAT('$[', v_i, '][0]'))),
                v_value = JSON_EXTRACT(p_user_changes, CONCAT('$[', v_i, '][1]'));
            IF JSON_TYPE(v_value) = 'NULL' THEN
                DELETE FROM user_state WHERE app_name = p_app_name AND user_id = p_user_id AND state_key = v_key;
            ELSE
                INSERT INTO user_state (app_name, user_id, state_key, state_value)
                    VALUES (p_app_name, p_user_id, v_key, v_value)
                    ON DUPLICATE KEY UPDATE state_value = VALUES(state_value);
            END IF;
            SET v_i = v_i + 1;
        END WHILE;

        IF p_session_changes IS NOT NULL THEN
            SELECT COALESCE(SUM(CHAR_LENGTH(state_key) + CHAR_LENGTH(CAST(state_value AS CHAR)) + 4), 0) + 2
              INTO v_session_size FROM session_state WHERE session_pk = p_session_pk;
        END IF;
        IF p_app_changes IS NOT NULL THEN
            SELECT COALESCE(SUM(CHAR_LENGTH(state_key) + CHAR_LENGTH(CAST(state_value AS CHAR)) + 4), 0) + 2
              INTO v_app_size FROM app_state WHERE app_name = p_app_name;
        END IF;
        IF p_user_changes IS NOT NULL THEN
            SELECT COALESCE(SUM(CHAR_LENGTH(state_key) + CHAR_LENGTH(CAST(state_value AS CHAR)) + 4), 0) + 2
              INTO v_user_size FROM user_state WHERE app_name = p_app_name AND user_id = p_user_id;
        END IF;
        IF COALESCE(v_session_size, 0) > p_max_tier_size OR COALESCE(v_app_size, 0) > p_max_tier_size
                OR COALESCE(v_user_size, 0) > p_max_tier_size THEN
            SET v_sequence = NULL, v_created_at = NULL;
        END IF;
    END IF;
    IF v_sequence IS NULL THEN
        ROLLBACK;
    ELSE
        COMMIT;
    END IF;
    SELECT v_sequence AS sequence, v_created_at AS created_at, v_session_size AS session_size,
           v_app_size AS app_size, v_user_size AS user_size;
END //
DELIMITER ;
