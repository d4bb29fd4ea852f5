-- Each state key keeps its size: the bytes of its entry "key":value as compact JSON in UTF-8, as the
-- library measures it (StateDelta.entryBytes) when it writes the key. A tier's size is then the sum
-- of its entries, their commas and two braces: 1 + sum(entry_bytes + 1), or 2 for no key. Every
-- backend checks Limits.MAX_STATE_TIER_BYTES against that one number, so the memory backend and the
-- databases agree to the byte, whatever the characters (they counted characters before).
--
-- Keys written before this version are measured here from their stored text: SQLite keeps a value
-- as compact JSON, so this is the same number except for escaped characters, counted as written.

ALTER TABLE session_state ADD COLUMN entry_bytes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE app_state ADD COLUMN entry_bytes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE user_state ADD COLUMN entry_bytes BIGINT NOT NULL DEFAULT 0;

UPDATE session_state SET entry_bytes = octet_length(state_key) + 3 + octet_length(state_value);
UPDATE app_state SET entry_bytes = octet_length(state_key) + 3 + octet_length(state_value);
UPDATE user_state SET entry_bytes = octet_length(state_key) + 3 + octet_length(state_value);
