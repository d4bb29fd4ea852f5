-- Every statement a PostgreSQL store sends, rendered by StatementCatalog.
-- Regenerate with -Dagentsession.golden=update after a change that is meant.

-- create: the session
insert into "sessions" ("id", "app_name", "user_id", "agent_id", "metadata", "created_at", "updated_at", "last_sequence") values (?, ?, ?, ?, cast(? as jsonb), ?, ?, ?) returning "sessions"."pk";

-- import: find the session
select "sessions"."pk" from "sessions" where ("sessions"."app_name" = ? and "sessions"."user_id" = ? and "sessions"."id" = ?);

-- import: replace the session
delete from "sessions" where "sessions"."pk" = ?;

-- delete: a session
delete from "sessions" where ("sessions"."app_name" = ? and "sessions"."user_id" = ? and "sessions"."id" = ?);

-- cleanup: an app's sessions updated before
delete from "sessions" where ("sessions"."app_name" = ? and "sessions"."updated_at" < ?);

-- cleanup: a user's sessions updated before
delete from "sessions" where ("sessions"."app_name" = ? and "sessions"."user_id" = ? and "sessions"."updated_at" < ?);

-- catalog: the apps
select distinct "sessions"."app_name" from "sessions" union select distinct "app_state"."app_name" from "app_state" union select distinct "user_state"."app_name" from "user_state";

-- catalog: the users of every app
select distinct "sessions"."app_name", "sessions"."user_id" from "sessions" union select distinct "user_state"."app_name", "user_state"."user_id" from "user_state";

-- catalog: the users of an app
select distinct "sessions"."app_name", "sessions"."user_id" from "sessions" where "sessions"."app_name" = ? union select distinct "user_state"."app_name", "user_state"."user_id" from "user_state" where "user_state"."app_name" = ?;

-- catalog: the scopes of a session id
select "sessions"."app_name", "sessions"."user_id" from "sessions" where "sessions"."id" = ?;

-- schema version
select "version" from "agent_session_schema_history" where "version" is not null order by "installed_rank" desc fetch next ? rows only;

-- import: an event (sent in batches)
insert into "events" ("id", "session_pk", "sequence", "invocation_id", "agent_id", "branch", "author", "content", "reasoning", "actions", "long_running_tool_ids", "metadata", "created_at", "state_delta") values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), ?, cast(? as jsonb));

-- append: one statement (a data-modifying CTE)
with "advanced"("seq", "at") as (update "sessions" set "last_sequence" = ("sessions"."last_sequence" + 1), "updated_at" = greatest("sessions"."updated_at", ?) where ("sessions"."pk" = ? and "sessions"."last_sequence" = coalesce(?, "sessions"."last_sequence")) returning "sessions"."last_sequence", "sessions"."updated_at") insert into "events" ("id", "invocation_id", "agent_id", "branch", "author", "content", "reasoning", "actions", "long_running_tool_ids", "metadata", "state_delta", "session_pk", "sequence", "created_at") select ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), ?, "advanced"."seq", "advanced"."at" from "advanced" returning "events"."sequence", "events"."created_at";

-- append with state, one statement: one key set in the session tier
WITH input AS (SELECT CAST(? AS bigint) AS pk, CAST(? AS bigint) AS now, CAST(? AS bigint) AS expected, CAST(? AS text) AS app, CAST(? AS text) AS usr, CAST(? AS text) AS session_k0, CAST(cast(? as jsonb) AS jsonb) AS session_v0, CAST(? AS bigint) AS session_b0),
sizes AS (SELECT greatest(2, 1 + (SELECT coalesce(sum(t.entry_bytes + 1), 0) FROM session_state t WHERE t.session_pk = input.pk AND t.state_key NOT IN (input.session_k0)) + input.session_b0 + 1) AS session_size, CAST(NULL AS bigint) AS app_size, CAST(NULL AS bigint) AS user_size FROM input),
advanced AS (UPDATE sessions SET last_sequence = sessions.last_sequence + 1, updated_at = greatest(sessions.updated_at, input.now) FROM input, sizes WHERE sessions.pk = input.pk AND sessions.last_sequence = coalesce(input.expected, sessions.last_sequence) AND sizes.session_size <= 1048576 RETURNING sessions.last_sequence AS seq, sessions.updated_at AS at),
inserted AS (INSERT INTO events (id, invocation_id, agent_id, branch, author, content, reasoning, actions, long_running_tool_ids, metadata, state_delta, session_pk, sequence, created_at) SELECT CAST(? AS text), CAST(? AS text), CAST(? AS text), CAST(? AS text), CAST(? AS text), CAST(? AS text), CAST(? AS text), CAST(cast(? as jsonb) AS jsonb), CAST(cast(? as jsonb) AS jsonb), CAST(cast(? as jsonb) AS jsonb), CAST(cast(? as jsonb) AS jsonb), input.pk, advanced.seq, advanced.at FROM input, advanced RETURNING sequence, created_at),
session_set AS (INSERT INTO session_state (session_pk, state_key, state_value, entry_bytes) SELECT input.pk, v.k, v.v, v.b FROM input CROSS JOIN advanced CROSS JOIN LATERAL (VALUES (input.session_k0, input.session_v0, input.session_b0)) v(k, v, b) ON CONFLICT (session_pk, state_key) DO UPDATE SET state_value = excluded.state_value, entry_bytes = excluded.entry_bytes)
SELECT inserted.sequence, inserted.created_at, sizes.session_size, sizes.app_size, sizes.user_size FROM sizes LEFT JOIN inserted ON true;

-- append with state, one statement: a key set and one removed in each tier
WITH input AS (SELECT CAST(? AS bigint) AS pk, CAST(? AS bigint) AS now, CAST(? AS bigint) AS expected, CAST(? AS text) AS app, CAST(? AS text) AS usr, CAST(? AS text) AS session_k0, CAST(cast(? as jsonb) AS jsonb) AS session_v0, CAST(? AS bigint) AS session_b0, CAST(? AS text) AS session_k1, CAST(? AS text) AS app_k0, CAST(cast(? as jsonb) AS jsonb) AS app_v0, CAST(? AS bigint) AS app_b0, CAST(? AS text) AS app_k1, CAST(? AS text) AS user_k0, CAST(cast(? as jsonb) AS jsonb) AS user_v0, CAST(? AS bigint) AS user_b0, CAST(? AS text) AS user_k1),
sizes AS (SELECT greatest(2, 1 + (SELECT coalesce(sum(t.entry_bytes + 1), 0) FROM session_state t WHERE t.session_pk = input.pk AND t.state_key NOT IN (input.session_k0, input.session_k1)) + input.session_b0 + 1) AS session_size, greatest(2, 1 + (SELECT coalesce(sum(t.entry_bytes + 1), 0) FROM app_state t WHERE t.app_name = input.app AND t.state_key NOT IN (input.app_k0, input.app_k1)) + input.app_b0 + 1) AS app_size, greatest(2, 1 + (SELECT coalesce(sum(t.entry_bytes + 1), 0) FROM user_state t WHERE t.app_name = input.app AND t.user_id = input.usr AND t.state_key NOT IN (input.user_k0, input.user_k1)) + input.user_b0 + 1) AS user_size FROM input),
advanced AS (UPDATE sessions SET last_sequence = sessions.last_sequence + 1, updated_at = greatest(sessions.updated_at, input.now) FROM input, sizes WHERE sessions.pk = input.pk AND sessions.last_sequence = coalesce(input.expected, sessions.last_sequence) AND sizes.session_size <= 1048576 AND sizes.app_size <= 1048576 AND sizes.user_size <= 1048576 RETURNING sessions.last_sequence AS seq, sessions.updated_at AS at),
inserted AS (INSERT INTO events (id, invocation_id, agent_id, branch, author, content, reasoning, actions, long_running_tool_ids, metadata, state_delta, session_pk, sequence, created_at) SELECT CAST(? AS text), CAST(? AS text), CAST(? AS text), CAST(? AS text), CAST(? AS text), CAST(? AS text), CAST(? AS text), CAST(cast(? as jsonb) AS jsonb), CAST(cast(? as jsonb) AS jsonb), CAST(cast(? as jsonb) AS jsonb), CAST(cast(? as jsonb) AS jsonb), input.pk, advanced.seq, advanced.at FROM input, advanced RETURNING sequence, created_at),
session_set AS (INSERT INTO session_state (session_pk, state_key, state_value, entry_bytes) SELECT input.pk, v.k, v.v, v.b FROM input CROSS JOIN advanced CROSS JOIN LATERAL (VALUES (input.session_k0, input.session_v0, input.session_b0)) v(k, v, b) ON CONFLICT (session_pk, state_key) DO UPDATE SET state_value = excluded.state_value, entry_bytes = excluded.entry_bytes),
session_removed AS (DELETE FROM session_state t USING input, advanced WHERE t.session_pk = input.pk AND t.state_key IN (input.session_k1)),
app_set AS (INSERT INTO app_state (app_name, state_key, state_value, entry_bytes) SELECT input.app, v.k, v.v, v.b FROM input CROSS JOIN advanced CROSS JOIN LATERAL (VALUES (input.app_k0, input.app_v0, input.app_b0)) v(k, v, b) ON CONFLICT (app_name, state_key) DO UPDATE SET state_value = excluded.state_value, entry_bytes = excluded.entry_bytes),
app_removed AS (DELETE FROM app_state t USING input, advanced WHERE t.app_name = input.app AND t.state_key IN (input.app_k1)),
user_set AS (INSERT INTO user_state (app_name, user_id, state_key, state_value, entry_bytes) SELECT input.app, input.usr, v.k, v.v, v.b FROM input CROSS JOIN advanced CROSS JOIN LATERAL (VALUES (input.user_k0, input.user_v0, input.user_b0)) v(k, v, b) ON CONFLICT (app_name, user_id, state_key) DO UPDATE SET state_value = excluded.state_value, entry_bytes = excluded.entry_bytes),
user_removed AS (DELETE FROM user_state t USING input, advanced WHERE t.app_name = input.app AND t.user_id = input.usr AND t.state_key IN (input.user_k1))
SELECT inserted.sequence, inserted.created_at, sizes.session_size, sizes.app_size, sizes.user_size FROM sizes LEFT JOIN inserted ON true;

-- get: a session with its state
select 0 as "part", "sessions"."pk", "sessions"."id", "sessions"."app_name", "sessions"."user_id", "sessions"."agent_id", "sessions"."metadata", "sessions"."created_at", "sessions"."updated_at", "sessions"."last_sequence", null, null from "sessions" where ("sessions"."app_name" = ? and "sessions"."user_id" = ? and "sessions"."id" = ?) union all select 1, "session_state"."session_pk", null, null, null, null, null, null, null, null, "session_state"."state_key", "session_state"."state_value" from "session_state" where "session_state"."session_pk" = (select "sessions"."pk" from "sessions" where ("sessions"."app_name" = ? and "sessions"."user_id" = ? and "sessions"."id" = ?)) union all select 2, null, null, null, null, null, null, null, null, null, "app_state"."state_key", "app_state"."state_value" from "app_state" where "app_state"."app_name" = ? union all select 3, null, null, null, null, null, null, null, null, null, "user_state"."state_key", "user_state"."state_value" from "user_state" where ("user_state"."app_name" = ? and "user_state"."user_id" = ?);

-- list: a user's sessions
select "sessions"."pk", "sessions"."id", "sessions"."app_name", "sessions"."user_id", "sessions"."agent_id", "sessions"."metadata", "sessions"."created_at", "sessions"."updated_at", "sessions"."last_sequence" from "sessions" where ("sessions"."app_name" = ? and "sessions"."user_id" = ?) order by "sessions"."updated_at" desc, "sessions"."id" asc;

-- list: a user's newest sessions (limit written in: 20)
select "sessions"."pk", "sessions"."id", "sessions"."app_name", "sessions"."user_id", "sessions"."agent_id", "sessions"."metadata", "sessions"."created_at", "sessions"."updated_at", "sessions"."last_sequence" from "sessions" where ("sessions"."app_name" = ? and "sessions"."user_id" = ?) order by "sessions"."updated_at" desc, "sessions"."id" asc fetch next 20 rows only;

-- list: a user's newest sessions (limit as a parameter)
select "sessions"."pk", "sessions"."id", "sessions"."app_name", "sessions"."user_id", "sessions"."agent_id", "sessions"."metadata", "sessions"."created_at", "sessions"."updated_at", "sessions"."last_sequence" from "sessions" where ("sessions"."app_name" = ? and "sessions"."user_id" = ?) order by "sessions"."updated_at" desc, "sessions"."id" asc fetch next ? rows only;

-- list: the state of up to 50 sessions and their tiers
select 1 as "part", "session_state"."session_pk", "session_state"."state_key", "session_state"."state_value" from "session_state" where "session_state"."session_pk" in (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) union all select 2, null, "app_state"."state_key", "app_state"."state_value" from "app_state" where "app_state"."app_name" = ? union all select 3, null, "user_state"."state_key", "user_state"."state_value" from "user_state" where ("user_state"."app_name" = ? and "user_state"."user_id" = ?);

-- events: all after a sequence
select "events"."id", "events"."sequence", "events"."invocation_id", "events"."agent_id", "events"."branch", "events"."author", "events"."content", "events"."reasoning", "events"."actions", "events"."long_running_tool_ids", "events"."metadata", "events"."created_at", "events"."state_delta" from "events" where ("events"."session_pk" = ? and "events"."sequence" > ?) order by "events"."sequence" asc;

-- events: the last after a sequence (limit written in: 20)
select "events"."id", "events"."sequence", "events"."invocation_id", "events"."agent_id", "events"."branch", "events"."author", "events"."content", "events"."reasoning", "events"."actions", "events"."long_running_tool_ids", "events"."metadata", "events"."created_at", "events"."state_delta" from "events" where ("events"."session_pk" = ? and "events"."sequence" > ?) order by "events"."sequence" desc fetch next 20 rows only;

-- events: the last after a sequence (limit as a parameter)
select "events"."id", "events"."sequence", "events"."invocation_id", "events"."agent_id", "events"."branch", "events"."author", "events"."content", "events"."reasoning", "events"."actions", "events"."long_running_tool_ids", "events"."metadata", "events"."created_at", "events"."state_delta" from "events" where ("events"."session_pk" = ? and "events"."sequence" > ?) order by "events"."sequence" desc fetch next ? rows only;

-- events: the last (limit written in: 20)
select "events"."id", "events"."sequence", "events"."invocation_id", "events"."agent_id", "events"."branch", "events"."author", "events"."content", "events"."reasoning", "events"."actions", "events"."long_running_tool_ids", "events"."metadata", "events"."created_at", "events"."state_delta" from "events" where "events"."session_pk" = ? order by "events"."sequence" desc fetch next 20 rows only;

-- events: the last (limit as a parameter)
select "events"."id", "events"."sequence", "events"."invocation_id", "events"."agent_id", "events"."branch", "events"."author", "events"."content", "events"."reasoning", "events"."actions", "events"."long_running_tool_ids", "events"."metadata", "events"."created_at", "events"."state_delta" from "events" where "events"."session_pk" = ? order by "events"."sequence" desc fetch next ? rows only;

-- events: a page after a sequence (limit written in: 20)
select "events"."id", "events"."sequence", "events"."invocation_id", "events"."agent_id", "events"."branch", "events"."author", "events"."content", "events"."reasoning", "events"."actions", "events"."long_running_tool_ids", "events"."metadata", "events"."created_at", "events"."state_delta" from "events" where ("events"."session_pk" = ? and "events"."sequence" > ?) order by "events"."sequence" asc fetch next 20 rows only;

-- events: a page after a sequence (limit as a parameter)
select "events"."id", "events"."sequence", "events"."invocation_id", "events"."agent_id", "events"."branch", "events"."author", "events"."content", "events"."reasoning", "events"."actions", "events"."long_running_tool_ids", "events"."metadata", "events"."created_at", "events"."state_delta" from "events" where ("events"."session_pk" = ? and "events"."sequence" > ?) order by "events"."sequence" asc fetch next ? rows only;

-- events: all after a sequence and a time
select "events"."id", "events"."sequence", "events"."invocation_id", "events"."agent_id", "events"."branch", "events"."author", "events"."content", "events"."reasoning", "events"."actions", "events"."long_running_tool_ids", "events"."metadata", "events"."created_at", "events"."state_delta" from "events" where ("events"."session_pk" = ? and "events"."sequence" > ? and "events"."created_at" >= ?) order by "events"."sequence" asc;

-- events: the last after a sequence and a time (limit written in: 20)
select "events"."id", "events"."sequence", "events"."invocation_id", "events"."agent_id", "events"."branch", "events"."author", "events"."content", "events"."reasoning", "events"."actions", "events"."long_running_tool_ids", "events"."metadata", "events"."created_at", "events"."state_delta" from "events" where ("events"."session_pk" = ? and "events"."sequence" > ? and "events"."created_at" >= ?) order by "events"."sequence" desc fetch next 20 rows only;

-- events: the last after a sequence and a time (limit as a parameter)
select "events"."id", "events"."sequence", "events"."invocation_id", "events"."agent_id", "events"."branch", "events"."author", "events"."content", "events"."reasoning", "events"."actions", "events"."long_running_tool_ids", "events"."metadata", "events"."created_at", "events"."state_delta" from "events" where ("events"."session_pk" = ? and "events"."sequence" > ? and "events"."created_at" >= ?) order by "events"."sequence" desc fetch next ? rows only;

-- events: one by id
select "events"."id", "events"."sequence", "events"."invocation_id", "events"."agent_id", "events"."branch", "events"."author", "events"."content", "events"."reasoning", "events"."actions", "events"."long_running_tool_ids", "events"."metadata", "events"."created_at", "events"."state_delta" from "events" where ("events"."session_pk" = ? and "events"."id" = ?);

-- events: the session's last sequence
select "sessions"."last_sequence" from "sessions" where "sessions"."pk" = ?;

-- state: set a key of the session tier
insert into "session_state" ("session_pk", "state_key", "state_value", "entry_bytes") values (?, ?, cast(? as jsonb), ?) on conflict ("session_pk", "state_key") do update set "state_value" = excluded."state_value", "entry_bytes" = excluded."entry_bytes";

-- state: remove a key of the session tier
delete from "session_state" where ("session_state"."session_pk" = ? and "session_state"."state_key" = ?);

-- state: set a key of the app tier
insert into "app_state" ("app_name", "state_key", "state_value", "entry_bytes") values (?, ?, cast(? as jsonb), ?) on conflict ("app_name", "state_key") do update set "state_value" = excluded."state_value", "entry_bytes" = excluded."entry_bytes";

-- state: remove a key of the app tier
delete from "app_state" where ("app_state"."app_name" = ? and "app_state"."state_key" = ?);

-- state: read the app tier
select "app_state"."state_key", "app_state"."state_value" from "app_state" where "app_state"."app_name" = ?;

-- state: set a key of the user tier
insert into "user_state" ("app_name", "user_id", "state_key", "state_value", "entry_bytes") values (?, ?, ?, cast(? as jsonb), ?) on conflict ("app_name", "user_id", "state_key") do update set "state_value" = excluded."state_value", "entry_bytes" = excluded."entry_bytes";

-- state: remove a key of the user tier
delete from "user_state" where ("user_state"."app_name" = ? and "user_state"."user_id" = ? and "user_state"."state_key" = ?);

-- state: read the user tier
select "user_state"."state_key", "user_state"."state_value" from "user_state" where ("user_state"."app_name" = ? and "user_state"."user_id" = ?);

-- state: measure the tiers session
select (select (1 + coalesce(cast(sum(("session_state"."entry_bytes" + 1)) as bigint), 1)) from "session_state" where "session_state"."session_pk" = ?) as "session_size", null as "app_size", null as "user_size";

-- state: measure the tiers app
select null as "session_size", (select (1 + coalesce(cast(sum(("app_state"."entry_bytes" + 1)) as bigint), 1)) from "app_state" where "app_state"."app_name" = ?) as "app_size", null as "user_size";

-- state: measure the tiers session app
select (select (1 + coalesce(cast(sum(("session_state"."entry_bytes" + 1)) as bigint), 1)) from "session_state" where "session_state"."session_pk" = ?) as "session_size", (select (1 + coalesce(cast(sum(("app_state"."entry_bytes" + 1)) as bigint), 1)) from "app_state" where "app_state"."app_name" = ?) as "app_size", null as "user_size";

-- state: measure the tiers user
select null as "session_size", null as "app_size", (select (1 + coalesce(cast(sum(("user_state"."entry_bytes" + 1)) as bigint), 1)) from "user_state" where ("user_state"."app_name" = ? and "user_state"."user_id" = ?)) as "user_size";

-- state: measure the tiers session user
select (select (1 + coalesce(cast(sum(("session_state"."entry_bytes" + 1)) as bigint), 1)) from "session_state" where "session_state"."session_pk" = ?) as "session_size", null as "app_size", (select (1 + coalesce(cast(sum(("user_state"."entry_bytes" + 1)) as bigint), 1)) from "user_state" where ("user_state"."app_name" = ? and "user_state"."user_id" = ?)) as "user_size";

-- state: measure the tiers app user
select null as "session_size", (select (1 + coalesce(cast(sum(("app_state"."entry_bytes" + 1)) as bigint), 1)) from "app_state" where "app_state"."app_name" = ?) as "app_size", (select (1 + coalesce(cast(sum(("user_state"."entry_bytes" + 1)) as bigint), 1)) from "user_state" where ("user_state"."app_name" = ? and "user_state"."user_id" = ?)) as "user_size";

-- state: measure the tiers session app user
select (select (1 + coalesce(cast(sum(("session_state"."entry_bytes" + 1)) as bigint), 1)) from "session_state" where "session_state"."session_pk" = ?) as "session_size", (select (1 + coalesce(cast(sum(("app_state"."entry_bytes" + 1)) as bigint), 1)) from "app_state" where "app_state"."app_name" = ?) as "app_size", (select (1 + coalesce(cast(sum(("user_state"."entry_bytes" + 1)) as bigint), 1)) from "user_state" where ("user_state"."app_name" = ? and "user_state"."user_id" = ?)) as "user_size";

-- delete user: the sessions
delete from "sessions" where ("sessions"."app_name" = ? and "sessions"."user_id" = ?);

-- delete user: the user tier
delete from "user_state" where ("user_state"."app_name" = ? and "user_state"."user_id" = ?);
