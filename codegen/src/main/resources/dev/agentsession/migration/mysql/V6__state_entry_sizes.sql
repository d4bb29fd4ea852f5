-- Each state key keeps its size: the bytes of its entry "key":value as compact JSON in UTF-8, as the
-- library measures it (StateDelta.entryBytes) when it writes the key. A tier's size is then the sum
-- of its entries, their commas and two braces: 1 + sum(entry_bytes + 1), or 2 for no key. Every
-- backend checks Limits.MAX_STATE_TIER_BYTES against that one number, so the memory backend and the
-- databases agree to the byte, whatever the characters (they counted characters before).
--
-- Keys written before this version are measured here from their stored text (MySQL's JSON text puts
-- a space after each colon and comma inside a value, so an old nested value counts a few bytes more
-- there until it is written again). The default 0 lets a previous version of the library keep writing
-- during a rolling upgrade.
--
-- agent_session_append_with_state is made again to write and measure the sizes: each change now comes
-- as [key, value, entry bytes]; a caller of the previous version sends [key, value], and the routine
-- then measures the entry from the text it was given.

ALTER TABLE session_state ADD COLUMN entry_bytes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE app_state ADD COLUMN entry_bytes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE user_state ADD COLUMN entry_bytes BIGINT NOT NULL DEFAULT 0;

UPDATE session_state
   SET entry_bytes = LENGTH(state_key) + 3 + LENGTH(CONVERT(CAST(state_value AS CHAR) USING utf8mb4));
UPDATE app_state
   SET entry_bytes = LENGTH(state_key) + 3 + LENGTH(CONVERT(CAST(state_value AS CHAR) USING utf8mb4));
UPDATE user_state
   SET entry_bytes = LENGTH(state_key) + 3 + LENGTH(CONVERT(CAST(state_value AS CHAR) USING utf8mb4));

DROP PROCEDURE IF EXISTS agent_session_append_with_state;

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
    DECLARE v_bytes BIGINT;
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
                v_value = JSON_EXTRACT(p_session_changes, CONCAT('$[', v_i, '][1]')),
                v_bytes = COALESCE(JSON_EXTRACT(p_session_changes, CONCAT('$[', v_i, '][2]')),
                                   LENGTH(v_key) + 3 + LENGTH(v_value));
            IF JSON_TYPE(v_value) = 'NULL' THEN
                DELETE FROM session_state WHERE session_pk = p_session_pk AND state_key = v_key;
            ELSE
                INSERT INTO session_state (session_pk, state_key, state_value, entry_bytes)
                    VALUES (p_session_pk, v_key, v_value, v_bytes)
                    ON DUPLICATE KEY UPDATE state_value = VALUES(state_value), entry_bytes = VALUES(entry_bytes);
            END IF;
            SET v_i = v_i + 1;
        END WHILE;

        SET v_count = COALESCE(JSON_LENGTH(p_app_changes), 0), v_i = 0;
        WHILE v_i < v_count DO
            SET v_key = JSON_UNQUOTE(JSON_EXTRACT(p_app_changes, CONCAT('$[', v_i, '][0]'))),
                v_value = JSON_EXTRACT(p_app_changes, CONCAT('$[', v_i, '][1]')),
                v_bytes = COALESCE(JSON_EXTRACT(p_app_changes, CONCAT('$[', v_i, '][2]')),
                                   LENGTH(v_key) + 3 + LENGTH(v_value));
            IF JSON_TYPE(v_value) = 'NULL' THEN
                DELETE FROM app_state WHERE app_name = p_app_name AND state_key = v_key;
            ELSE
                INSERT INTO app_state (app_name, state_key, state_value, entry_bytes)
                    VALUES (p_app_name, v_key, v_value, v_bytes)
                    ON DUPLICATE KEY UPDATE state_value = VALUES(state_value), entry_bytes = VALUES(entry_bytes);
            END IF;
            SET v_i = v_i + 1;
        END WHILE;

        SET v_count = COALESCE(JSON_LENGTH(p_user_changes), 0), v_i = 0;
        WHILE v_i < v_count DO
            SET v_key = JSON_UNQUOTE(JSON_EXTRACT(p_user_changes, CONCAT('$[', v_i, '][0]'))),
                v_value = JSON_EXTRACT(p_user_changes, CONCAT('$[', v_i, '][1]')),
                v_bytes = COALESCE(JSON_EXTRACT(p_user_changes, CONCAT('$[', v_i, '][2]')),
                                   LENGTH(v_key) + 3 + LENGTH(v_value));
            IF JSON_TYPE(v_value) = 'NULL' THEN
                DELETE FROM user_state WHERE app_name = p_app_name AND user_id = p_user_id AND state_key = v_key;
            ELSE
                INSERT INTO user_state (app_name, user_id, state_key, state_value, entry_bytes)
                    VALUES (p_app_name, p_user_id, v_key, v_value, v_bytes)
                    ON DUPLICATE KEY UPDATE state_value = VALUES(state_value), entry_bytes = VALUES(entry_bytes);
            END IF;
            SET v_i = v_i + 1;
        END WHILE;

        IF p_session_changes IS NOT NULL THEN
            SELECT 1 + COALESCE(SUM(entry_bytes + 1), 1)
              INTO v_session_size FROM session_state WHERE session_pk = p_session_pk;
        END IF;
        IF p_app_changes IS NOT NULL THEN
            SELECT 1 + COALESCE(SUM(entry_bytes + 1), 1)
              INTO v_app_size FROM app_state WHERE app_name = p_app_name;
        END IF;
        IF p_user_changes IS NOT NULL THEN
            SELECT 1 + COALESCE(SUM(entry_bytes + 1), 1)
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
