package dev.agentsession.sql;

import static dev.agentsession.sql.schema.Tables.APP_STATE;
import static dev.agentsession.sql.schema.Tables.EVENTS;
import static dev.agentsession.sql.schema.Tables.SESSIONS;
import static dev.agentsession.sql.schema.Tables.USER_STATE;

import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.DeleteRequest;
import dev.agentsession.Event;
import dev.agentsession.GetRequest;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionAlreadyExistsException;
import dev.agentsession.SessionConflictException;
import dev.agentsession.SessionNotFoundException;
import dev.agentsession.SessionService;
import dev.agentsession.SessionStoreException;
import dev.agentsession.SessionStoreUnavailableException;
import dev.agentsession.internal.IdempotentAppends;
import dev.agentsession.internal.InputRules;
import dev.agentsession.internal.SessionIds;
import dev.agentsession.internal.StateDelta;
import dev.agentsession.spi.SessionImport;
import dev.agentsession.spi.StoreCatalog;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jooq.BatchBindStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The contract implemented once for every relational database, on the jOOQ classes generated from
 * the schema; the SQLite, PostgreSQL and MySQL/MariaDB services are this class with their own
 * builders. It reaches the database through a {@link SqlDatabase} and asks its {@link Dialect}
 * whatever differs between databases: it never tests which one it runs on.
 *
 * <p>An append follows the dialect's {@link AppendPlan}: the session's {@code last_sequence} and
 * {@code updated_at} are raised (locking the session row, so concurrent appends queue there and
 * sequences stay gap-free) and the event is inserted, atomically. Reads of the recent events, the
 * session and a user's sessions are statements rendered once per store and mapped through the
 * generated fields. Reading the last N events is one query on the {@code (session_pk, sequence)}
 * key, whatever the session's length.
 *
 * <p>Database failures are reported as {@link SessionStoreException} saying what was being done,
 * with the database's exception as the cause; {@link dev.agentsession.SessionStoreUnavailableException}
 * when the store could not be reached.
 */
public abstract class SqlSessionService implements SessionService, SessionImport, StoreCatalog {

    private final SqlDatabase database;
    private final Dialect dialect;
    private final AppendPlan.Appender appender;
    private final ReadStatements reads;
    private final StateStatements state;
    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Retries retries;

    /**
     * A service over a database whose schema is already in place. The service owns the database
     * from now on and closes it in {@link #close()}.
     *
     * @param database the database, its schema migrated or checked
     */
    protected SqlSessionService(SqlDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
        this.state = new StateStatements(database.reader());
        this.appender = dialect.appendPlan().prepare(database.reader(), state);
        this.reads = new ReadStatements(database.reader());
        this.retries = new Retries(database.retryPolicy(), dialect);
    }

    /** @return the database this service runs on, for checks such as {@link SchemaCheck} */
    public final SqlDatabase database() {
        return database;
    }

    @Override
    public final Session create(CreateRequest request) {
        InputRules.requireNonNull("request", request);
        checkOpen();
        String id = request.sessionId() != null ? request.sessionId() : SessionIds.next();
        Instant now = now();
        StateDelta initial = StateDelta.split(request.state());
        Function<DSLContext, Long> insert = dsl -> dsl.insertInto(SESSIONS)
                .set(SESSIONS.ID, id)
                .set(SESSIONS.APP_NAME, request.appName())
                .set(SESSIONS.USER_ID, request.userId())
                .set(SESSIONS.AGENT_ID, request.agentId())
                .set(SESSIONS.METADATA, JsonCodec.object(request.metadata()))
                .set(SESSIONS.CREATED_AT, now)
                .set(SESSIONS.UPDATED_AT, now)
                .set(SESSIONS.LAST_SEQUENCE, 0L)
                .returningResult(SESSIONS.PK)
                .fetchOne()
                .value1();
        try {
            long pk = writeRetryingRollbacks(() -> initial.isEmpty() ? database.statement(insert)
                    : database.transaction(dsl -> {
                        long created = insert.apply(dsl);
                        dsl.connection(connection -> state.apply(connection, created, request.appName(),
                                request.userId(), initial, "state"));
                        return created;
                    }));
            // read back, so the handle shows the shared tiers as they are, not only this request's keys
            ReadStatements.SessionRow row = query("reading back session '" + id + "'", () ->
                    database.reader().connectionResult(c -> reads.session(c, request.appName(), request.userId(), id)));
            if (row != null && row.pk() == pk) {
                return handle(row);
            }
            // deleted again before it could be read: the handle still names the session created
            return new SqlSession(this, pk, id, request.appName(), request.userId(), request.agentId(),
                    request.metadata(), now, now, StateDelta.view(initial.session(), initial.app(), initial.user()), 0);
        } catch (DataAccessException e) {
            if (dialect.isConstraintViolation(e)) {
                throw new SessionAlreadyExistsException(request.appName(), request.userId(), id, e);
            }
            throw failure("creating session '" + id + "'", e);
        }
    }

    @Override
    public final Optional<Session> get(GetRequest request) {
        InputRules.requireNonNull("request", request);
        checkOpen();
        return query("reading session '" + request.sessionId() + "'", () -> database.reader().connectionResult(c ->
                Optional.ofNullable(reads.session(c, request.appName(), request.userId(), request.sessionId()))
                        .map(this::handle)));
    }

    @Override
    public final List<Session> list(ListRequest request) {
        InputRules.requireNonNull("request", request);
        checkOpen();
        return query("listing the sessions of user '" + request.userId() + "'", () -> {
            List<ReadStatements.SessionRow> rows = database.reader().connectionResult(c ->
                    reads.list(c, request.appName(), request.userId(), request.limit()));
            List<Session> sessions = new ArrayList<>(rows.size());
            for (ReadStatements.SessionRow row : rows) {
                sessions.add(handle(row));
            }
            return Collections.unmodifiableList(sessions);
        });
    }

    @Override
    public final boolean delete(DeleteRequest request) {
        InputRules.requireNonNull("request", request);
        checkOpen();
        return write("deleting session '" + request.sessionId() + "'", dsl -> dsl
                .deleteFrom(SESSIONS)
                .where(inScope(request.appName(), request.userId()))
                .and(SESSIONS.ID.eq(request.sessionId()))
                .execute() > 0);
    }

    @Override
    public final long deleteSessionsUpdatedBefore(Instant cutoff, String appName, String userId) {
        InputRules.requireCleanup(cutoff, appName, userId);
        checkOpen();
        // Stored times are whole microseconds: t < cutoff exactly when t < cutoff rounded up.
        Instant roundedUp = cutoff.truncatedTo(ChronoUnit.MICROS);
        if (roundedUp.isBefore(cutoff)) {
            roundedUp = roundedUp.plus(1, ChronoUnit.MICROS);
        }
        Condition scope = userId == null ? SESSIONS.APP_NAME.eq(appName) : inScope(appName, userId);
        Instant bound = roundedUp;
        return write("deleting the sessions of app '" + appName + "' updated before " + cutoff, dsl -> (long) dsl
                .deleteFrom(SESSIONS)
                .where(scope)
                .and(SESSIONS.UPDATED_AT.lt(bound))
                .execute());
    }

    /** Closes the database and its pools. Idempotent. */
    @Override
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            database.close();
        }
    }

    /**
     * Fails once the service is closed.
     *
     * @throws IllegalStateException if the service is closed
     */
    protected final void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the session service is closed");
        }
    }

    @Override
    public final List<String> appNames() {
        checkOpen();
        return query("listing the apps of " + database.description(), () -> {
            DSLContext dsl = database.reader();
            return dsl.selectDistinct(SESSIONS.APP_NAME).from(SESSIONS)
                    .union(dsl.selectDistinct(APP_STATE.APP_NAME).from(APP_STATE))
                    .union(dsl.selectDistinct(USER_STATE.APP_NAME).from(USER_STATE))
                    .fetch(0, String.class).stream().sorted(SqlSessionService::compareCodePoints).toList();
        });
    }

    @Override
    public final List<Scope> scopes(String appName) {
        checkOpen();
        return query("listing the users of " + database.description(), () -> {
            DSLContext dsl = database.reader();
            Condition sessionApp = appName == null ? DSL.noCondition() : SESSIONS.APP_NAME.eq(appName);
            Condition tierApp = appName == null ? DSL.noCondition() : USER_STATE.APP_NAME.eq(appName);
            return dsl.selectDistinct(SESSIONS.APP_NAME, SESSIONS.USER_ID).from(SESSIONS).where(sessionApp)
                    .union(dsl.selectDistinct(USER_STATE.APP_NAME, USER_STATE.USER_ID).from(USER_STATE).where(tierApp))
                    .fetch(row -> new Scope(row.value1(), row.value2())).stream().sorted(SCOPE_ORDER).toList();
        });
    }

    @Override
    public final List<Scope> scopesOf(String sessionId) {
        InputRules.requireName("sessionId", sessionId);
        checkOpen();
        return query("finding session '" + sessionId + "' in " + database.description(), () ->
                database.reader().select(SESSIONS.APP_NAME, SESSIONS.USER_ID).from(SESSIONS)
                        .where(SESSIONS.ID.eq(sessionId))
                        .fetch(row -> new Scope(row.value1(), row.value2())).stream()
                        .sorted(SCOPE_ORDER).toList());
    }

    private static final Comparator<Scope> SCOPE_ORDER =
            Comparator.comparing(Scope::appName, SqlSessionService::compareCodePoints)
                    .thenComparing(Scope::userId, SqlSessionService::compareCodePoints);

    private static int compareCodePoints(String a, String b) {
        return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    /** How many imported events go to the database in one batch. */
    private static final int IMPORT_BATCH = 500;

    @Override
    public final boolean importSession(ImportedSession session, Iterator<Event> events, OnExisting onExisting) {
        InputRules.requireNonNull("session", session);
        InputRules.requireNonNull("events", events);
        InputRules.requireNonNull("onExisting", onExisting);
        checkOpen();
        try {
            return database.transaction(dsl -> {
                Long existing = dsl.select(SESSIONS.PK).from(SESSIONS)
                        .where(inScope(session.appName(), session.userId())).and(SESSIONS.ID.eq(session.id()))
                        .fetchOne(SESSIONS.PK);
                if (existing != null && onExisting == OnExisting.FAIL) {
                    throw new SessionAlreadyExistsException(session.appName(), session.userId(), session.id(), null);
                }
                if (existing != null && onExisting == OnExisting.SKIP) {
                    return false;
                }
                if (existing != null) {
                    dsl.deleteFrom(SESSIONS).where(SESSIONS.PK.eq(existing)).execute();
                }
                long pk = dsl.insertInto(SESSIONS)
                        .set(SESSIONS.ID, session.id())
                        .set(SESSIONS.APP_NAME, session.appName())
                        .set(SESSIONS.USER_ID, session.userId())
                        .set(SESSIONS.AGENT_ID, session.agentId())
                        .set(SESSIONS.METADATA, JsonCodec.object(session.metadata()))
                        .set(SESSIONS.CREATED_AT, session.createdAt())
                        .set(SESSIONS.UPDATED_AT, session.updatedAt())
                        .set(SESSIONS.LAST_SEQUENCE, session.lastSequence())
                        .returningResult(SESSIONS.PK)
                        .fetchOne()
                        .value1();
                dsl.connection(connection -> state.apply(connection, pk, session.appName(), session.userId(),
                        StateDelta.split(session.state()), "state"));
                // one prepared statement, bound once per event, sent in batches
                BatchBindStep batch = null;
                int pending = 0;
                long expected = 1;
                while (events.hasNext()) {
                    Event event = SessionImport.next(session, events.next(), expected++);
                    if (batch == null) {
                        batch = dsl.batch(dsl.insertInto(EVENTS, EVENTS.SESSION_PK, EVENTS.ID, EVENTS.SEQUENCE,
                                EVENTS.INVOCATION_ID, EVENTS.AGENT_ID, EVENTS.BRANCH, EVENTS.AUTHOR, EVENTS.CONTENT,
                                EVENTS.REASONING, EVENTS.ACTIONS, EVENTS.LONG_RUNNING_TOOL_IDS, EVENTS.METADATA,
                                EVENTS.CREATED_AT, EVENTS.STATE_DELTA)
                                .values((Long) null, null, null, null, null, null, null, null, null, null, null, null,
                                        null, null));
                    }
                    batch.bind(pk, event.id(), event.sequence(), event.invocationId(), event.agentId(), event.branch(),
                            event.author(), event.content(), event.reasoning(), JsonCodec.actions(event.actions()),
                            JsonCodec.list(event.longRunningToolIds()), JsonCodec.object(event.metadata()),
                            event.createdAt(), JsonCodec.object(event.stateDelta()));
                    if (++pending == IMPORT_BATCH) {
                        batch.execute();
                        batch = null;
                        pending = 0;
                    }
                }
                if (batch != null) {
                    batch.execute();
                }
                SessionImport.requireComplete(session, expected - 1);
                return true;
            });
        } catch (DataAccessException e) {
            throw failure("importing session '" + session.id() + "'", e);
        }
    }

    @Override
    public final void importAppState(String appName, Map<String, Object> state) {
        InputRules.requireName("appName", appName);
        importTier(appName, null, prefixed(StateDelta.APP, state), "importing the state of app '" + appName + "'");
    }

    @Override
    public final void importUserState(String appName, String userId, Map<String, Object> state) {
        InputRules.requireName("appName", appName);
        InputRules.requireName("userId", userId);
        importTier(appName, userId, prefixed(StateDelta.USER, state),
                "importing the state of user '" + userId + "' of app '" + appName + "'");
    }

    private static Map<String, Object> prefixed(String prefix, Map<String, Object> state) {
        Map<String, Object> keys = new LinkedHashMap<>();
        InputRules.requireNonNull("state", state).forEach((key, value) -> keys.put(prefix + key, value));
        return keys;
    }

    private void importTier(String appName, String userId, Map<String, Object> keys, String action) {
        StateDelta delta = StateDelta.split(StateDelta.copy("state", keys));
        checkOpen();
        try {
            database.transaction(dsl -> {
                dsl.connection(connection -> state.apply(connection, -1, appName, userId, delta, "state"));
                return null;
            });
        } catch (DataAccessException e) {
            throw failure(action, e);
        }
    }

    /**
     * The store's schema version: the newest migration applied to it, such as {@code "3"}.
     *
     * @throws IllegalStateException if the service is closed
     * @throws SessionStoreException if the store cannot be read
     */
    public final String schemaVersion() {
        checkOpen();
        Field<String> version = DSL.field(DSL.name("version"), String.class);
        Field<Integer> rank = DSL.field(DSL.name("installed_rank"), Integer.class);
        return query("reading the schema version of " + database.description(), () -> database.reader()
                .select(version).from(DSL.table(DSL.name(Migrations.HISTORY)))
                .where(version.isNotNull()).orderBy(rank.desc()).limit(1).fetchOne(version));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + database.description() + "]";
    }

    // ----------------------------------------------------------- used by the session handles

    final Event addEvent(SqlSession session, AddEventOptions options) {
        InputRules.requireNonNull("options", options);
        checkOpen();
        String action = "appending an event to session '" + session.id() + "'";
        // Encode before taking the write lock: the transaction holds only what must be in it.
        JSONB actions = JsonCodec.actions(options.actions());
        JSONB toolIds = JsonCodec.list(options.longRunningToolIds());
        JSONB metadata = JsonCodec.object(options.metadata());
        Map<String, Object> storedDelta = StateDelta.stored(options.stateDelta());
        database.statementLimit().check(options, actions, toolIds, metadata, database.description());
        // Every append carries an id, so that after a lost connection a retry can tell whether it committed.
        String id = options.eventId() != null ? options.eventId() : SessionIds.next();
        AppendPlan.Row row = new AppendPlan.Row(session.pk(), session.appName(), session.userId(), now(),
                options.expectedLastSequence(), id, options.invocationId(), options.agentId(), options.branch(),
                options.author(), options.content(), options.reasoning(), actions, toolIds, metadata,
                JsonCodec.object(storedDelta), StateDelta.split(options.stateDelta()));
        // A caller's id may name an event stored by an earlier call; a generated one only by an earlier attempt.
        boolean mayBeStored = options.eventId() != null;
        for (int attempt = 1; ; attempt++) {
            try {
                if (mayBeStored) {
                    Event stored = storedEvent(session, id, options);
                    if (stored != null) {
                        return stored;
                    }
                }
                AppendPlan.Position position = appender.append(database, row);
                return new Event(id, session.id(), position.sequence(), options.invocationId(), options.agentId(),
                        options.branch(), options.author(), options.content(), options.reasoning(),
                        options.actions(), options.longRunningToolIds(), options.metadata(), position.createdAt(),
                        storedDelta);
            } catch (AppendPlan.NoSuchSession gone) {
                Long current = query(action, () -> database.reader().connectionResult(c -> reads.lastSequence(c,
                        session.pk())));
                if (current == null) {
                    throw new SessionNotFoundException(session.appName(), session.userId(), session.id());
                }
                throw SessionConflictException.sequence(session.id(), options.expectedLastSequence(), current);
            } catch (DataAccessException e) {
                if (mayBeStored && dialect.isConstraintViolation(e)) {
                    // the same id was appended at the same moment, and won: that append is this one's result
                    Event stored = query(action, () -> storedEvent(session, id, options));
                    if (stored != null) {
                        return stored;
                    }
                }
                if (!retries.again(e, true, attempt)) {
                    throw failure(action, e, attempt, true);
                }
                mayBeStored |= dialect.isConnectionLost(e);
            }
        }
    }

    /**
     * @return the session's event of this id if it carries the options' payload; null if the
     *     session holds no event of that id
     * @throws SessionConflictException if it holds one with another payload
     * @throws DataAccessException if the database fails
     */
    private Event storedEvent(SqlSession session, String id, AddEventOptions options) {
        Event stored = database.reader().connectionResult(c -> reads.event(c, session.id(), session.pk(), id));
        if (stored == null) {
            return null;
        }
        if (!IdempotentAppends.samePayload(stored, options)) {
            Long current = database.reader().connectionResult(c -> reads.lastSequence(c, session.pk()));
            throw SessionConflictException.eventId(session.id(), id, current == null ? 0 : current);
        }
        return stored;
    }

    @Override
    public final Map<String, Object> appState(String appName) {
        InputRules.requireName("appName", appName);
        checkOpen();
        return query("reading the state of app '" + appName + "'", () -> database.reader().connectionResult(c ->
                state.appTier(c, appName)));
    }

    @Override
    public final Map<String, Object> userState(String appName, String userId) {
        InputRules.requireName("appName", appName);
        InputRules.requireName("userId", userId);
        checkOpen();
        return query("reading the state of user '" + userId + "'", () -> database.reader().connectionResult(c ->
                state.userTier(c, appName, userId)));
    }

    @Override
    public final long deleteUser(String appName, String userId) {
        InputRules.requireName("appName", appName);
        InputRules.requireName("userId", userId);
        checkOpen();
        try {
            return database.transaction(dsl -> dsl.connectionResult(c -> state.deleteUser(c, appName,
                    userId)));
        } catch (DataAccessException e) {
            throw failure("erasing user '" + userId + "' of app '" + appName + "'", e);
        }
    }

    final List<Event> events(SqlSession session, long afterSequence, Instant notBefore, int limit) {
        checkOpen();
        return query("reading the events of session '" + session.id() + "'", () -> database.reader().connectionResult(c ->
                reads.events(c, session.id(), session.pk(), afterSequence, notBefore, limit)));
    }

    final List<Event> page(SqlSession session, long afterSequence, int pageSize) {
        checkOpen();
        return query("reading the events of session '" + session.id() + "'", () -> database.reader().connectionResult(c ->
                reads.page(c, session.id(), session.pk(), afterSequence, pageSize)));
    }

    // ---------------------------------------------------------------------------- internals

    private static Condition inScope(String appName, String userId) {
        return SESSIONS.APP_NAME.eq(appName).and(SESSIONS.USER_ID.eq(userId));
    }

    private Session handle(ReadStatements.SessionRow row) {
        return new SqlSession(this, row.pk(), row.id(), row.appName(), row.userId(), row.agentId(),
                row.metadata(), row.createdAt(), row.updatedAt(), row.state(), row.lastSequence());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Runs a read, again after a failure a retry may mend (see {@link dev.agentsession.RetryPolicy}),
     * reporting a database failure as one while {@code action}.
     */
    private <T> T query(String action, Supplier<T> read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (DataAccessException e) {
                if (!retries.again(e, true, attempt)) {
                    throw failure(action, e, attempt, true);
                }
            }
        }
    }

    /** Runs one write statement, atomic on its own, reporting a failure as one while {@code action}. */
    private <T> T write(String action, Function<DSLContext, T> work) {
        try {
            return writeRetryingRollbacks(() -> database.statement(work));
        } catch (DataAccessException e) {
            throw failure(action, e);
        }
    }

    /**
     * Runs a write again when the database rolled it back and kept nothing of it (a deadlock, a
     * serialization or certification conflict): running it again is safe. A write that may have
     * been done (the connection broke under it) is not repeated.
     *
     * @throws DataAccessException the last failure, when it is not one to retry or the attempts are spent
     */
    private <T> T writeRetryingRollbacks(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (DataAccessException e) {
                if (!retries.again(e, false, attempt)) {
                    throw e;
                }
            }
        }
    }

    /**
     * @param attempts how many attempts were made
     * @param repeatable whether the work was safe to repeat
     * @return the exception to throw: {@link dev.agentsession.SessionStoreUnavailableException}
     *     when the failure was transient (the attempts are spent) or the store unreachable
     */
    private SessionStoreException failure(String action, DataAccessException e, int attempts, boolean repeatable) {
        if (closed.get()) {
            return dialect.failure(action + " failed: the service was closed meanwhile", e);
        }
        String message = action + " in " + database.description() + " failed";
        if (retries.isTransient(e, repeatable)) {
            return new SessionStoreUnavailableException(message + (attempts > 1 ? " after " + attempts + " attempts"
                    : "") + ": " + dialect.name() + " reported a transient failure", e);
        }
        return dialect.failure(message, e);
    }

    private SessionStoreException failure(String action, DataAccessException e) {
        return failure(action, e, 1, false);
    }
}
