-- Each state key keeps its size: the bytes of its entry "key":value as compact JSON in UTF-8, as the
-- library measures it (StateDelta.entryBytes) when it writes the key. A tier's size is then the sum
-- of its entries, their commas and two braces: 1 + sum(entry_bytes + 1), or 2 for no key. Every
-- backend checks Limits.MAX_STATE_TIER_BYTES against that one number, so the memory backend and the
-- databases agree to the byte, whatever the characters (they counted characters before).
--
-- Keys written before this version are measured here from their stored text. jsonb's text puts a
-- space after each colon and comma inside a value, so an old nested value counts a few bytes more
-- than the library's measure until it is written again. The default 0 lets a previous version of
-- the library keep writing during a rolling upgrade.

ALTER TABLE session_state ADD COLUMN entry_bytes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE app_state ADD COLUMN entry_bytes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE user_state ADD COLUMN entry_bytes BIGINT NOT NULL DEFAULT 0;

UPDATE session_state SET entry_bytes = octet_length(state_key) + 3 + octet_length(state_value::text);
UPDATE app_state SET entry_bytes = octet_length(state_key) + 3 + octet_length(state_value::text);
UPDATE user_state SET entry_bytes = octet_length(state_key) + 3 + octet_length(state_value::text);
