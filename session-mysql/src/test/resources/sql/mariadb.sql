-- Every statement a MariaDB store sends, rendered by StatementCatalog.
-- Regenerate with -Dagentsession.golden=update after a change that is meant.

-- create: the session
insert into `sessions` (`id`, `app_name`, `user_id`, `agent_id`, `metadata`, `created_at`, `updated_at`, `last_sequence`) values (?, ?, ?, ?, json_extract(?, '$'), ?, ?, ?) returning `pk`;

-- import: find the session
select `sessions`.`pk` from `sessions` where (`sessions`.`app_name` = ? and `sessions`.`user_id` = ? and `sessions`.`id` = ?);

-- import: replace the session
delete from `sessions` where `sessions`.`pk` = ?;

-- delete: a session
delete from `sessions` where (`sessions`.`app_name` = ? and `sessions`.`user_id` = ? and `sessions`.`id` = ?);

-- cleanup: an app's sessions updated before
delete from `sessions` where (`sessions`.`app_name` = ? and `sessions`.`updated_at` < ?);

-- cleanup: a user's sessions updated before
delete from `sessions` where (`sessions`.`app_name` = ? and `sessions`.`user_id` = ? and `sessions`.`updated_at` < ?);

-- catalog: the apps
select distinct `sessions`.`app_name` from `sessions` union select distinct `app_state`.`app_name` from `app_state` union select distinct `user_state`.`app_name` from `user_state`;

-- catalog: the users of every app
select distinct `sessions`.`app_name`, `sessions`.`user_id` from `sessions` union select distinct `user_state`.`app_name`, `user_state`.`user_id` from `user_state`;

-- catalog: the users of an app
select distinct `sessions`.`app_name`, `sessions`.`user_id` from `sessions` where `sessions`.`app_name` = ? union select distinct `user_state`.`app_name`, `user_state`.`user_id` from `user_state` where `user_state`.`app_name` = ?;

-- catalog: the scopes of a session id
select `sessions`.`app_name`, `sessions`.`user_id` from `sessions` where `sessions`.`id` = ?;

-- schema version
select `version` from `agent_session_schema_history` where `version` is not null order by `installed_rank` desc fetch next ? rows only;

-- import: an event (sent in batches)
insert into `events` (`id`, `session_pk`, `sequence`, `invocation_id`, `agent_id`, `branch`, `author`, `content`, `reasoning`, `actions`, `long_running_tool_ids`, `metadata`, `created_at`, `state_delta`) values (?, ?, ?, ?, ?, ?, ?, ?, ?, json_extract(?, '$'), json_extract(?, '$'), json_extract(?, '$'), ?, json_extract(?, '$'));

-- append: one call of the routine, in auto-commit
call agent_session_append(?, ?, ?, true, ?, ?, ?, ?, ?, ?, ?, json_extract(?, '$'), json_extract(?, '$'), json_extract(?, '$'), json_extract(?, '$'));

-- append: one call of the routine, in the store's transaction
call agent_session_append(?, ?, ?, false, ?, ?, ?, ?, ?, ?, ?, json_extract(?, '$'), json_extract(?, '$'), json_extract(?, '$'), json_extract(?, '$'));

-- append with state: one call of the state routine
call agent_session_append_with_state(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, json_extract(?, '$'), json_extract(?, '$'), json_extract(?, '$'), json_extract(?, '$'), ?, ?, json_extract(?, '$'), json_extract(?, '$'), json_extract(?, '$'), 1048576);

-- without the routine, append without the routine: raise the session
update `sessions` set `sessions`.`last_sequence` = (`sessions`.`last_sequence` + 1), `sessions`.`updated_at` = greatest(`sessions`.`updated_at`, ?) where (`sessions`.`pk` = ? and `sessions`.`last_sequence` = coalesce(?, `sessions`.`last_sequence`));

-- without the routine, append without the routine: insert the event from the raised row
insert into `events` (`id`, `invocation_id`, `agent_id`, `branch`, `author`, `content`, `reasoning`, `actions`, `long_running_tool_ids`, `metadata`, `state_delta`, `session_pk`, `sequence`, `created_at`) select ?, ?, ?, ?, ?, ?, ?, json_extract(?, '$'), json_extract(?, '$'), json_extract(?, '$'), json_extract(?, '$'), `sessions`.`pk`, `sessions`.`last_sequence`, `sessions`.`updated_at` from `sessions` where `sessions`.`pk` = ? returning `sequence`, `created_at`;

-- get: a session with its state
select 0 as `part`, `sessions`.`pk`, `sessions`.`id`, `sessions`.`app_name`, `sessions`.`user_id`, `sessions`.`agent_id`, `sessions`.`metadata`, `sessions`.`created_at`, `sessions`.`updated_at`, `sessions`.`last_sequence`, null, null from `sessions` where (`sessions`.`app_name` = ? and `sessions`.`user_id` = ? and `sessions`.`id` = ?) union all select 1, `session_state`.`session_pk`, null, null, null, null, null, null, null, null, `session_state`.`state_key`, `session_state`.`state_value` from `session_state` where `session_state`.`session_pk` = (select `sessions`.`pk` from `sessions` where (`sessions`.`app_name` = ? and `sessions`.`user_id` = ? and `sessions`.`id` = ?)) union all select 2, null, null, null, null, null, null, null, null, null, `app_state`.`state_key`, `app_state`.`state_value` from `app_state` where `app_state`.`app_name` = ? union all select 3, null, null, null, null, null, null, null, null, null, `user_state`.`state_key`, `user_state`.`state_value` from `user_state` where (`user_state`.`app_name` = ? and `user_state`.`user_id` = ?);

-- list: a user's sessions
select `sessions`.`pk`, `sessions`.`id`, `sessions`.`app_name`, `sessions`.`user_id`, `sessions`.`agent_id`, `sessions`.`metadata`, `sessions`.`created_at`, `sessions`.`updated_at`, `sessions`.`last_sequence` from `sessions` where (`sessions`.`app_name` = ? and `sessions`.`user_id` = ?) order by `sessions`.`updated_at` desc, `sessions`.`id` asc;

-- list: a user's newest sessions (limit written in: 20)
select `sessions`.`pk`, `sessions`.`id`, `sessions`.`app_name`, `sessions`.`user_id`, `sessions`.`agent_id`, `sessions`.`metadata`, `sessions`.`created_at`, `sessions`.`updated_at`, `sessions`.`last_sequence` from `sessions` where (`sessions`.`app_name` = ? and `sessions`.`user_id` = ?) order by `sessions`.`updated_at` desc, `sessions`.`id` asc fetch next 20 rows only;

-- list: a user's newest sessions (limit as a parameter)
select `sessions`.`pk`, `sessions`.`id`, `sessions`.`app_name`, `sessions`.`user_id`, `sessions`.`agent_id`, `sessions`.`metadata`, `sessions`.`created_at`, `sessions`.`updated_at`, `sessions`.`last_sequence` from `sessions` where (`sessions`.`app_name` = ? and `sessions`.`user_id` = ?) order by `sessions`.`updated_at` desc, `sessions`.`id` asc fetch next ? rows only;

-- list: the state of up to 50 sessions and their tiers
select 1 as `part`, `session_state`.`session_pk`, `session_state`.`state_key`, `session_state`.`state_value` from `session_state` where `session_state`.`session_pk` in (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) union all select 2, null, `app_state`.`state_key`, `app_state`.`state_value` from `app_state` where `app_state`.`app_name` = ? union all select 3, null, `user_state`.`state_key`, `user_state`.`state_value` from `user_state` where (`user_state`.`app_name` = ? and `user_state`.`user_id` = ?);

-- events: all after a sequence
select `events`.`id`, `events`.`sequence`, `events`.`invocation_id`, `events`.`agent_id`, `events`.`branch`, `events`.`author`, `events`.`content`, `events`.`reasoning`, `events`.`actions`, `events`.`long_running_tool_ids`, `events`.`metadata`, `events`.`created_at`, `events`.`state_delta` from `events` where (`events`.`session_pk` = ? and `events`.`sequence` > ?) order by `events`.`sequence` asc;

-- events: the last after a sequence (limit written in: 20)
select `events`.`id`, `events`.`sequence`, `events`.`invocation_id`, `events`.`agent_id`, `events`.`branch`, `events`.`author`, `events`.`content`, `events`.`reasoning`, `events`.`actions`, `events`.`long_running_tool_ids`, `events`.`metadata`, `events`.`created_at`, `events`.`state_delta` from `events` where (`events`.`session_pk` = ? and `events`.`sequence` > ?) order by `events`.`sequence` desc fetch next 20 rows only;

-- events: the last after a sequence (limit as a parameter)
select `events`.`id`, `events`.`sequence`, `events`.`invocation_id`, `events`.`agent_id`, `events`.`branch`, `events`.`author`, `events`.`content`, `events`.`reasoning`, `events`.`actions`, `events`.`long_running_tool_ids`, `events`.`metadata`, `events`.`created_at`, `events`.`state_delta` from `events` where (`events`.`session_pk` = ? and `events`.`sequence` > ?) order by `events`.`sequence` desc fetch next ? rows only;

-- events: the last (limit written in: 20)
select `events`.`id`, `events`.`sequence`, `events`.`invocation_id`, `events`.`agent_id`, `events`.`branch`, `events`.`author`, `events`.`content`, `events`.`reasoning`, `events`.`actions`, `events`.`long_running_tool_ids`, `events`.`metadata`, `events`.`created_at`, `events`.`state_delta` from `events` where `events`.`session_pk` = ? order by `events`.`sequence` desc fetch next 20 rows only;

-- events: the last (limit as a parameter)
select `events`.`id`, `events`.`sequence`, `events`.`invocation_id`, `events`.`agent_id`, `events`.`branch`, `events`.`author`, `events`.`content`, `events`.`reasoning`, `events`.`actions`, `events`.`long_running_tool_ids`, `events`.`metadata`, `events`.`created_at`, `events`.`state_delta` from `events` where `events`.`session_pk` = ? order by `events`.`sequence` desc fetch next ? rows only;

-- events: a page after a sequence (limit written in: 20)
select `events`.`id`, `events`.`sequence`, `events`.`invocation_id`, `events`.`agent_id`, `events`.`branch`, `events`.`author`, `events`.`content`, `events`.`reasoning`, `events`.`actions`, `events`.`long_running_tool_ids`, `events`.`metadata`, `events`.`created_at`, `events`.`state_delta` from `events` where (`events`.`session_pk` = ? and `events`.`sequence` > ?) order by `events`.`sequence` asc fetch next 20 rows only;

-- events: a page after a sequence (limit as a parameter)
select `events`.`id`, `events`.`sequence`, `events`.`invocation_id`, `events`.`agent_id`, `events`.`branch`, `events`.`author`, `events`.`content`, `events`.`reasoning`, `events`.`actions`, `events`.`long_running_tool_ids`, `events`.`metadata`, `events`.`created_at`, `events`.`state_delta` from `events` where (`events`.`session_pk` = ? and `events`.`sequence` > ?) order by `events`.`sequence` asc fetch next ? rows only;

-- events: all after a sequence and a time
select `events`.`id`, `events`.`sequence`, `events`.`invocation_id`, `events`.`agent_id`, `events`.`branch`, `events`.`author`, `events`.`content`, `events`.`reasoning`, `events`.`actions`, `events`.`long_running_tool_ids`, `events`.`metadata`, `events`.`created_at`, `events`.`state_delta` from `events` where (`events`.`session_pk` = ? and `events`.`sequence` > ? and `events`.`created_at` >= ?) order by `events`.`sequence` asc;

-- events: the last after a sequence and a time (limit written in: 20)
select `events`.`id`, `events`.`sequence`, `events`.`invocation_id`, `events`.`agent_id`, `events`.`branch`, `events`.`author`, `events`.`content`, `events`.`reasoning`, `events`.`actions`, `events`.`long_running_tool_ids`, `events`.`metadata`, `events`.`created_at`, `events`.`state_delta` from `events` where (`events`.`session_pk` = ? and `events`.`sequence` > ? and `events`.`created_at` >= ?) order by `events`.`sequence` desc fetch next 20 rows only;

-- events: the last after a sequence and a time (limit as a parameter)
select `events`.`id`, `events`.`sequence`, `events`.`invocation_id`, `events`.`agent_id`, `events`.`branch`, `events`.`author`, `events`.`content`, `events`.`reasoning`, `events`.`actions`, `events`.`long_running_tool_ids`, `events`.`metadata`, `events`.`created_at`, `events`.`state_delta` from `events` where (`events`.`session_pk` = ? and `events`.`sequence` > ? and `events`.`created_at` >= ?) order by `events`.`sequence` desc fetch next ? rows only;

-- events: one by id
select `events`.`id`, `events`.`sequence`, `events`.`invocation_id`, `events`.`agent_id`, `events`.`branch`, `events`.`author`, `events`.`content`, `events`.`reasoning`, `events`.`actions`, `events`.`long_running_tool_ids`, `events`.`metadata`, `events`.`created_at`, `events`.`state_delta` from `events` where (`events`.`session_pk` = ? and `events`.`id` = ?);

-- events: the session's last sequence
select `sessions`.`last_sequence` from `sessions` where `sessions`.`pk` = ?;

-- state: set a key of the session tier
insert into `session_state` (`session_pk`, `state_key`, `state_value`, `entry_bytes`) values (?, ?, json_extract(?, '$'), ?) on duplicate key update `session_state`.`state_value` = values(`state_value`), `session_state`.`entry_bytes` = values(`entry_bytes`);

-- state: remove a key of the session tier
delete from `session_state` where (`session_state`.`session_pk` = ? and `session_state`.`state_key` = ?);

-- state: set a key of the app tier
insert into `app_state` (`app_name`, `state_key`, `state_value`, `entry_bytes`) values (?, ?, json_extract(?, '$'), ?) on duplicate key update `app_state`.`state_value` = values(`state_value`), `app_state`.`entry_bytes` = values(`entry_bytes`);

-- state: remove a key of the app tier
delete from `app_state` where (`app_state`.`app_name` = ? and `app_state`.`state_key` = ?);

-- state: read the app tier
select `app_state`.`state_key`, `app_state`.`state_value` from `app_state` where `app_state`.`app_name` = ?;

-- state: set a key of the user tier
insert into `user_state` (`app_name`, `user_id`, `state_key`, `state_value`, `entry_bytes`) values (?, ?, ?, json_extract(?, '$'), ?) on duplicate key update `user_state`.`state_value` = values(`state_value`), `user_state`.`entry_bytes` = values(`entry_bytes`);

-- state: remove a key of the user tier
delete from `user_state` where (`user_state`.`app_name` = ? and `user_state`.`user_id` = ? and `user_state`.`state_key` = ?);

-- state: read the user tier
select `user_state`.`state_key`, `user_state`.`state_value` from `user_state` where (`user_state`.`app_name` = ? and `user_state`.`user_id` = ?);

-- state: measure the tiers session
select (select (1 + coalesce(cast(sum((`session_state`.`entry_bytes` + 1)) as signed), 1)) from `session_state` where `session_state`.`session_pk` = ?) as `session_size`, null as `app_size`, null as `user_size`;

-- state: measure the tiers app
select null as `session_size`, (select (1 + coalesce(cast(sum((`app_state`.`entry_bytes` + 1)) as signed), 1)) from `app_state` where `app_state`.`app_name` = ?) as `app_size`, null as `user_size`;

-- state: measure the tiers session app
select (select (1 + coalesce(cast(sum((`session_state`.`entry_bytes` + 1)) as signed), 1)) from `session_state` where `session_state`.`session_pk` = ?) as `session_size`, (select (1 + coalesce(cast(sum((`app_state`.`entry_bytes` + 1)) as signed), 1)) from `app_state` where `app_state`.`app_name` = ?) as `app_size`, null as `user_size`;

-- state: measure the tiers user
select null as `session_size`, null as `app_size`, (select (1 + coalesce(cast(sum((`user_state`.`entry_bytes` + 1)) as signed), 1)) from `user_state` where (`user_state`.`app_name` = ? and `user_state`.`user_id` = ?)) as `user_size`;

-- state: measure the tiers session user
select (select (1 + coalesce(cast(sum((`session_state`.`entry_bytes` + 1)) as signed), 1)) from `session_state` where `session_state`.`session_pk` = ?) as `session_size`, null as `app_size`, (select (1 + coalesce(cast(sum((`user_state`.`entry_bytes` + 1)) as signed), 1)) from `user_state` where (`user_state`.`app_name` = ? and `user_state`.`user_id` = ?)) as `user_size`;

-- state: measure the tiers app user
select null as `session_size`, (select (1 + coalesce(cast(sum((`app_state`.`entry_bytes` + 1)) as signed), 1)) from `app_state` where `app_state`.`app_name` = ?) as `app_size`, (select (1 + coalesce(cast(sum((`user_state`.`entry_bytes` + 1)) as signed), 1)) from `user_state` where (`user_state`.`app_name` = ? and `user_state`.`user_id` = ?)) as `user_size`;

-- state: measure the tiers session app user
select (select (1 + coalesce(cast(sum((`session_state`.`entry_bytes` + 1)) as signed), 1)) from `session_state` where `session_state`.`session_pk` = ?) as `session_size`, (select (1 + coalesce(cast(sum((`app_state`.`entry_bytes` + 1)) as signed), 1)) from `app_state` where `app_state`.`app_name` = ?) as `app_size`, (select (1 + coalesce(cast(sum((`user_state`.`entry_bytes` + 1)) as signed), 1)) from `user_state` where (`user_state`.`app_name` = ? and `user_state`.`user_id` = ?)) as `user_size`;

-- delete user: the sessions
delete from `sessions` where (`sessions`.`app_name` = ? and `sessions`.`user_id` = ?);

-- delete user: the user tier
delete from `user_state` where (`user_state`.`app_name` = ? and `user_state`.`user_id` = ?);
