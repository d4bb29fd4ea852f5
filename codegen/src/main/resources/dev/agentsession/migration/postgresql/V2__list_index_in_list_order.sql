-- list() orders a user's sessions by updated_at descending, then id ascending. An index in exactly
-- that order lets the newest N be read straight from it, without sorting all of the user's sessions.
DROP INDEX ix_sessions_scope_updated;
CREATE INDEX ix_sessions_scope_list ON sessions (app_name, user_id, updated_at DESC, id);
