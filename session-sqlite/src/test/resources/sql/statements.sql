-- Every statement a SQLite store sends, rendered by StatementCatalog.
-- Regenerate with -Dagentsession.golden=update after a change that is meant.

-- create: the session
insert into sessions (id, app_name, user_id, agent_id, metadata, created_at, updated_at, last_sequence) values (?, ?, ?, ?, json(?), ?, ?, ?);

-- import: find the session
select sessions.pk from sessions where (sessions.app_name = ? and sessions.user_id = ? and sessions.id = ?);

-- import: replace the session
delete from sessions where sessions.pk = ?;

-- delete: a session
delete from sessions where (sessions.app_name = ? and sessions.user_id = ? and sessions.id = ?);

-- cleanup: an app's sessions updated before
delete from sessions where (sessions.app_name = ? and sessions.updated_at < ?);

-- cleanup: a user's sessions updated before
delete from sessions where (sessions.app_name = ? and sessions.user_id = ? and sessions.updated_at < ?);

-- catalog: the apps
select distinct sessions.app_name from sessions union select distinct app_state.app_name from app_state union select distinct user_state.app_name from user_state;

-- catalog: the users of every app
select distinct sessions.app_name, sessions.user_id from sessions union select distinct user_state.app_name, user_state.user_id from user_state;

-- catalog: the users of an app
select distinct sessions.app_name, sessions.user_id from sessions where sessions.app_name = ? union select distinct user_state.app_name, user_state.user_id from user_state where user_state.app_name = ?;

-- catalog: the scopes of a session id
select sessions.app_name, sessions.user_id from sessions where sessions.id = ?;

-- schema version
select version from agent_session_schema_history where version is not null order by installed_rank desc limit ?;

-- import: an event (sent in batches)
insert into events (id, session_pk, sequence, invocation_id, agent_id, branch, author, content, reasoning, actions, long_running_tool_ids, metadata, created_at, state_delta) values (?, ?, ?, ?, ?, ?, ?, ?, ?, json(?), json(?), json(?), ?, json(?));

-- append: raise the session, answering its new sequence and time
update sessions set last_sequence = (sessions.last_sequence + 1), updated_at = max(sessions.updated_at, ?) where (sessions.pk = ? and sessions.last_sequence = coalesce(?, sessions.last_sequence)) returning sessions.last_sequence, sessions.updated_at;

-- append: insert the event
insert into events (id, invocation_id, agent_id, branch, author, content, reasoning, actions, long_running_tool_ids, metadata, state_delta, session_pk, sequence, created_at) values (?, ?, ?, ?, ?, ?, ?, json(?), json(?), json(?), json(?), ?, ?, ?);

-- get: a session with its tiers as JSON objects
select sessions.pk, sessions.id, sessions.app_name, sessions.user_id, sessions.agent_id, sessions.metadata, sessions.created_at, sessions.updated_at, sessions.last_sequence, (select json_group_object(session_state.state_key, json(session_state.state_value)) from session_state where session_state.session_pk = sessions.pk) as own_state, (select json_group_object(app_state.state_key, json(app_state.state_value)) from app_state where app_state.app_name = ?) as app_state, (select json_group_object(user_state.state_key, json(user_state.state_value)) from user_state where (user_state.app_name = ? and user_state.user_id = ?)) as user_state from sessions where (sessions.app_name = ? and sessions.user_id = ? and sessions.id = ?);

-- list: a user's sessions
select sessions.pk, sessions.id, sessions.app_name, sessions.user_id, sessions.agent_id, sessions.metadata, sessions.created_at, sessions.updated_at, sessions.last_sequence from sessions where (sessions.app_name = ? and sessions.user_id = ?) order by sessions.updated_at desc, sessions.id asc;

-- list: a user's newest sessions (limit written in: 20)
select sessions.pk, sessions.id, sessions.app_name, sessions.user_id, sessions.agent_id, sessions.metadata, sessions.created_at, sessions.updated_at, sessions.last_sequence from sessions where (sessions.app_name = ? and sessions.user_id = ?) order by sessions.updated_at desc, sessions.id asc limit 20;

-- list: a user's newest sessions (limit as a parameter)
select sessions.pk, sessions.id, sessions.app_name, sessions.user_id, sessions.agent_id, sessions.metadata, sessions.created_at, sessions.updated_at, sessions.last_sequence from sessions where (sessions.app_name = ? and sessions.user_id = ?) order by sessions.updated_at desc, sessions.id asc limit ?;

-- list: the state of up to 50 sessions and their tiers
select 1 as part, session_state.session_pk, session_state.state_key, session_state.state_value from session_state where session_state.session_pk in (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) union all select 2, null, app_state.state_key, app_state.state_value from app_state where app_state.app_name = ? union all select 3, null, user_state.state_key, user_state.state_value from user_state where (user_state.app_name = ? and user_state.user_id = ?);

-- events: all after a sequence
select events.id, events.sequence, events.invocation_id, events.agent_id, events.branch, events.author, events.content, events.reasoning, events.actions, events.long_running_tool_ids, events.metadata, events.created_at, events.state_delta from events where (events.session_pk = ? and events.sequence > ?) order by events.sequence asc;

-- events: the last after a sequence (limit written in: 20)
select events.id, events.sequence, events.invocation_id, events.agent_id, events.branch, events.author, events.content, events.reasoning, events.actions, events.long_running_tool_ids, events.metadata, events.created_at, events.state_delta from events where (events.session_pk = ? and events.sequence > ?) order by events.sequence desc limit 20;

-- events: the last after a sequence (limit as a parameter)
select events.id, events.sequence, events.invocation_id, events.agent_id, events.branch, events.author, events.content, events.reasoning, events.actions, events.long_running_tool_ids, events.metadata, events.created_at, events.state_delta from events where (events.session_pk = ? and events.sequence > ?) order by events.sequence desc limit ?;

-- events: the last (limit written in: 20)
select events.id, events.sequence, events.invocation_id, events.agent_id, events.branch, events.author, events.content, events.reasoning, events.actions, events.long_running_tool_ids, events.metadata, events.created_at, events.state_delta from events where events.session_pk = ? order by events.sequence desc limit 20;

-- events: the last (limit as a parameter)
select events.id, events.sequence, events.invocation_id, events.agent_id, events.branch, events.author, events.content, events.reasoning, events.actions, events.long_running_tool_ids, events.metadata, events.created_at, events.state_delta from events where events.session_pk = ? order by events.sequence desc limit ?;

-- events: a page after a sequence (limit written in: 20)
select events.id, events.sequence, events.invocation_id, events.agent_id, events.branch, events.author, events.content, events.reasoning, events.actions, events.long_running_tool_ids, events.metadata, events.created_at, events.state_delta from events where (events.session_pk = ? and events.sequence > ?) order by events.sequence asc limit 20;

-- events: a page after a sequence (limit as a parameter)
select events.id, events.sequence, events.invocation_id, events.agent_id, events.branch, events.author, events.content, events.reasoning, events.actions, events.long_running_tool_ids, events.metadata, events.created_at, events.state_delta from events where (events.session_pk = ? and events.sequence > ?) order by events.sequence asc limit ?;

-- events: all after a sequence and a time
select events.id, events.sequence, events.invocation_id, events.agent_id, events.branch, events.author, events.content, events.reasoning, events.actions, events.long_running_tool_ids, events.metadata, events.created_at, events.state_delta from events where (events.session_pk = ? and events.sequence > ? and events.created_at >= ?) order by events.sequence asc;

-- events: the last after a sequence and a time (limit written in: 20)
select events.id, events.sequence, events.invocation_id, events.agent_id, events.branch, events.author, events.content, events.reasoning, events.actions, events.long_running_tool_ids, events.metadata, events.created_at, events.state_delta from events where (events.session_pk = ? and events.sequence > ? and events.created_at >= ?) order by events.sequence desc limit 20;

-- events: the last after a sequence and a time (limit as a parameter)
select events.id, events.sequence, events.invocation_id, events.agent_id, events.branch, events.author, events.content, events.reasoning, events.actions, events.long_running_tool_ids, events.metadata, events.created_at, events.state_delta from events where (events.session_pk = ? and events.sequence > ? and events.created_at >= ?) order by events.sequence desc limit ?;

-- events: one by id
select events.id, events.sequence, events.invocation_id, events.agent_id, events.branch, events.author, events.content, events.reasoning, events.actions, events.long_running_tool_ids, events.metadata, events.created_at, events.state_delta from events where (events.session_pk = ? and events.id = ?);

-- events: the session's last sequence
select sessions.last_sequence from sessions where sessions.pk = ?;

-- state: set a key of the session tier
insert into session_state (session_pk, state_key, state_value, entry_bytes) values (?, ?, json(?), ?) on conflict (session_pk, state_key) do update set state_value = excluded.state_value, entry_bytes = excluded.entry_bytes;

-- state: remove a key of the session tier
delete from session_state where (session_state.session_pk = ? and session_state.state_key = ?);

-- state: set a key of the app tier
insert into app_state (app_name, state_key, state_value, entry_bytes) values (?, ?, json(?), ?) on conflict (app_name, state_key) do update set state_value = excluded.state_value, entry_bytes = excluded.entry_bytes;

-- state: remove a key of the app tier
delete from app_state where (app_state.app_name = ? and app_state.state_key = ?);

-- state: read the app tier
select app_state.state_key, app_state.state_value from app_state where app_state.app_name = ?;

-- state: set a key of the user tier
insert into user_state (app_name, user_id, state_key, state_value, entry_bytes) values (?, ?, ?, json(?), ?) on conflict (app_name, user_id, state_key) do update set state_value = excluded.state_value, entry_bytes = excluded.entry_bytes;

-- state: remove a key of the user tier
delete from user_state where (user_state.app_name = ? and user_state.user_id = ? and user_state.state_key = ?);

-- state: read the user tier
select user_state.state_key, user_state.state_value from user_state where (user_state.app_name = ? and user_state.user_id = ?);

-- state: measure the tiers session
select (select (1 + coalesce(cast(sum((session_state.entry_bytes + 1)) as int8), 1)) from session_state where session_state.session_pk = ?) as session_size, null as app_size, null as user_size;

-- state: measure the tiers app
select null as session_size, (select (1 + coalesce(cast(sum((app_state.entry_bytes + 1)) as int8), 1)) from app_state where app_state.app_name = ?) as app_size, null as user_size;

-- state: measure the tiers session app
select (select (1 + coalesce(cast(sum((session_state.entry_bytes + 1)) as int8), 1)) from session_state where session_state.session_pk = ?) as session_size, (select (1 + coalesce(cast(sum((app_state.entry_bytes + 1)) as int8), 1)) from app_state where app_state.app_name = ?) as app_size, null as user_size;

-- state: measure the tiers user
select null as session_size, null as app_size, (select (1 + coalesce(cast(sum((user_state.entry_bytes + 1)) as int8), 1)) from user_state where (user_state.app_name = ? and user_state.user_id = ?)) as user_size;

-- state: measure the tiers session user
select (select (1 + coalesce(cast(sum((session_state.entry_bytes + 1)) as int8), 1)) from session_state where session_state.session_pk = ?) as session_size, null as app_size, (select (1 + coalesce(cast(sum((user_state.entry_bytes + 1)) as int8), 1)) from user_state where (user_state.app_name = ? and user_state.user_id = ?)) as user_size;

-- state: measure the tiers app user
select null as session_size, (select (1 + coalesce(cast(sum((app_state.entry_bytes + 1)) as int8), 1)) from app_state where app_state.app_name = ?) as app_size, (select (1 + coalesce(cast(sum((user_state.entry_bytes + 1)) as int8), 1)) from user_state where (user_state.app_name = ? and user_state.user_id = ?)) as user_size;

-- state: measure the tiers session app user
select (select (1 + coalesce(cast(sum((session_state.entry_bytes + 1)) as int8), 1)) from session_state where session_state.session_pk = ?) as session_size, (select (1 + coalesce(cast(sum((app_state.entry_bytes + 1)) as int8), 1)) from app_state where app_state.app_name = ?) as app_size, (select (1 + coalesce(cast(sum((user_state.entry_bytes + 1)) as int8), 1)) from user_state where (user_state.app_name = ? and user_state.user_id = ?)) as user_size;

-- delete user: the sessions
delete from sessions where (sessions.app_name = ? and sessions.user_id = ?);

-- delete user: the user tier
delete from user_state where (user_state.app_name = ? and user_state.user_id = ?);
