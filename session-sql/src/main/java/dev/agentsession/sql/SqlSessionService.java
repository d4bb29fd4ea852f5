package dev.agentsession.sql;


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
import dev.agentsession.internal.IdempotentAppends;
import dev.agentsession.internal.InputRules;
import dev.agentsession.internal.SessionIds;
import dev.agentsession.internal.StateDelta;
import dev.agentsession.spi.SessionImport;
import dev.agentsession.spi.StoreCatalog;
import dev.agentsession.sql.spi.AppendPosition;
import dev.agentsession.sql.spi.AppendRow;
import dev.agentsession.sql.spi.Appender;
import dev.agentsession.sql.spi.Dialect;
import dev.agentsession.sql.spi.EventColumns;
import dev.agentsession.sql.spi.NoSuchSession;
import dev.agentsession.sql.spi.SessionRow;
import dev.agentsession.sql.spi.SqlDatabase;
import dev.agentsession.sql.spi.StateStatements;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * The contract implemented once for every relational database, on the jOOQ classes generated from
 * the schema; the SQLite, PostgreSQL and MySQL/MariaDB services are this class with their own
 * builders. It reaches the database through a {@link SqlDatabase} and asks its {@link Dialect}
 * whatever differs between databases: it never tests which one it runs on.
 *
 * <p>An append follows the dialect's {@link Appender}: the session's {@code last_sequence} and
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
    private final Appender appender;
    private final ReadStatements reads;
    private final StateStatements state;
    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final StoreCalls calls;
    private final SessionImporter importer;

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
        this.appender = dialect.appender(database.reader(), state);
        this.reads = new ReadStatements(database.reader(), dialect.sessionRead(database.reader()).orElse(null));
        this.calls = new StoreCalls(database, closed::get);
        this.importer = new SessionImporter(database, state, calls);
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
        Function<DSLContext, Long> insert = dsl -> SessionStatements.insertSession(dsl, id, request.appName(),
                request.userId(), request.agentId(), request.metadata(), now, now, 0).fetchOne().value1();
        try {
            long pk = calls.writeRetryingRollbacks(() -> initial.isEmpty() ? database.statement(insert)
                    : database.transaction(dsl -> {
                        long created = insert.apply(dsl);
                        dsl.connection(connection -> state.apply(connection, created, request.appName(),
                                request.userId(), initial, "state"));
                        return created;
                    }));
            // read back, so the handle shows the shared tiers as they are, not only this request's keys
            SessionRow row = calls.query("reading back session '" + id + "'", () ->
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
            throw calls.failure("creating session '" + id + "'", e);
        }
    }

    @Override
    public final Optional<Session> get(GetRequest request) {
        InputRules.requireNonNull("request", request);
        checkOpen();
        return calls.query("reading session '" + request.sessionId() + "'", () -> database.reader()
                .connectionResult(c -> Optional.ofNullable(reads.session(c, request.appName(), request.userId(), request.sessionId()))
                        .map(this::handle)));
    }

    @Override
    public final List<Session> list(ListRequest request) {
        InputRules.requireNonNull("request", request);
        checkOpen();
        return calls.query("listing the sessions of user '" + request.userId() + "'", () -> {
            List<SessionRow> rows = database.reader().connectionResult(c ->
                    reads.list(c, request.appName(), request.userId(), request.limit()));
            List<Session> sessions = new ArrayList<>(rows.size());
            for (SessionRow row : rows) {
                sessions.add(handle(row));
            }
            return Collections.unmodifiableList(sessions);
        });
    }

    @Override
    public final boolean delete(DeleteRequest request) {
        InputRules.requireNonNull("request", request);
        checkOpen();
        return calls.write("deleting session '" + request.sessionId() + "'", dsl -> SessionStatements.deleteSession(dsl,
                request.appName(), request.userId(), request.sessionId()).execute() > 0);
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
        Instant bound = roundedUp;
        return calls.write("deleting the sessions of app '" + appName + "' updated before " + cutoff, dsl -> (long)
                SessionStatements.deleteUpdatedBefore(dsl, appName, userId, bound).execute());
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
        return calls.query("listing the apps of " + database.description(), () ->
                SessionStatements.appNames(database.reader()).fetch(0, String.class).stream()
                        .sorted(SqlSessionService::compareCodePoints).toList());
    }

    @Override
    public final List<Scope> scopes(String appName) {
        checkOpen();
        return calls.query("listing the users of " + database.description(), () ->
                SessionStatements.scopes(database.reader(), appName)
                        .fetch(row -> new Scope(row.value1(), row.value2())).stream().sorted(SCOPE_ORDER).toList());
    }

    @Override
    public final List<Scope> scopesOf(String sessionId) {
        InputRules.requireName("sessionId", sessionId);
        checkOpen();
        return calls.query("finding session '" + sessionId + "' in " + database.description(), () ->
                SessionStatements.scopesOf(database.reader(), sessionId)
                        .fetch(row -> new Scope(row.value1(), row.value2())).stream()
                        .sorted(SCOPE_ORDER).toList());
    }

    private static final Comparator<Scope> SCOPE_ORDER =
            Comparator.comparing(Scope::appName, SqlSessionService::compareCodePoints)
                    .thenComparing(Scope::userId, SqlSessionService::compareCodePoints);

    private static int compareCodePoints(String a, String b) {
        return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    @Override
    public final boolean importSession(ImportedSession session, Iterator<Event> events, OnExisting onExisting) {
        InputRules.requireNonNull("session", session);
        InputRules.requireNonNull("events", events);
        InputRules.requireNonNull("onExisting", onExisting);
        checkOpen();
        return importer.importSession(session, events, onExisting);
    }

    @Override
    public final void importAppState(String appName, Map<String, Object> state) {
        InputRules.requireName("appName", appName);
        checkOpen();
        importer.importTier(appName, null, StateDelta.APP, state, "importing the state of app '" + appName + "'");
    }

    @Override
    public final void importUserState(String appName, String userId, Map<String, Object> state) {
        InputRules.requireName("appName", appName);
        InputRules.requireName("userId", userId);
        checkOpen();
        importer.importTier(appName, userId, StateDelta.USER, state,
                "importing the state of user '" + userId + "' of app '" + appName + "'");
    }

    /**
     * The store's schema version: the newest migration applied to it, such as {@code "3"}.
     *
     * @throws IllegalStateException if the service is closed
     * @throws SessionStoreException if the store cannot be read
     */
    public final String schemaVersion() {
        checkOpen();
        return calls.query("reading the schema version of " + database.description(), () ->
                SessionStatements.schemaVersion(database.reader()).fetchOne(0, String.class));
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
        // Every append carries an id, so that after a lost connection a retry can tell whether it committed.
        String id = options.eventId() != null ? options.eventId() : SessionIds.next();
        // Encode before taking the write lock: the transaction holds only what must be in it.
        EventColumns.Appended appended =
                new EventColumns.Appended(id, options, StateDelta.stored(options.stateDelta()));
        List<Object> payload = EventColumns.payload(appended);
        database.statementLimit().check(payload, database.description());
        AppendRow row = new AppendRow(session.pk(), session.appName(), session.userId(), now(),
                options.expectedLastSequence(), payload, StateDelta.split(options.stateDelta()));
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
                AppendPosition position = appender.append(database, row);
                return EventColumns.appended(appended, session.id(), position.sequence(), position.createdAt());
            } catch (NoSuchSession gone) {
                Long current = calls.query(action, () -> database.reader().connectionResult(c -> reads.lastSequence(c,
                        session.pk())));
                if (current == null) {
                    throw new SessionNotFoundException(session.appName(), session.userId(), session.id());
                }
                throw SessionConflictException.sequence(session.id(), options.expectedLastSequence(), current);
            } catch (DataAccessException e) {
                if (mayBeStored && dialect.isConstraintViolation(e)) {
                    // the same id was appended at the same moment, and won: that append is this one's result
                    Event stored = calls.query(action, () -> storedEvent(session, id, options));
                    if (stored != null) {
                        return stored;
                    }
                }
                if (!calls.again(e, true, attempt)) {
                    throw calls.failure(action, e, attempt, true);
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
        return calls.query("reading the state of app '" + appName + "'", () -> database.reader().connectionResult(c ->
                state.appTier(c, appName)));
    }

    @Override
    public final Map<String, Object> userState(String appName, String userId) {
        InputRules.requireName("appName", appName);
        InputRules.requireName("userId", userId);
        checkOpen();
        return calls.query("reading the state of user '" + userId + "'", () -> database.reader().connectionResult(c ->
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
            throw calls.failure("erasing user '" + userId + "' of app '" + appName + "'", e);
        }
    }

    final List<Event> events(SqlSession session, long afterSequence, Instant notBefore, int limit) {
        checkOpen();
        return calls.query("reading the events of session '" + session.id() + "'", () -> database.reader()
                .connectionResult(c -> reads.events(c, session.id(), session.pk(), afterSequence, notBefore, limit)));
    }

    final List<Event> page(SqlSession session, long afterSequence, int pageSize) {
        checkOpen();
        return calls.query("reading the events of session '" + session.id() + "'", () -> database.reader()
                .connectionResult(c -> reads.page(c, session.id(), session.pk(), afterSequence, pageSize)));
    }

    // ---------------------------------------------------------------------------- internals

    private Session handle(SessionRow row) {
        return new SqlSession(this, row.pk(), row.id(), row.appName(), row.userId(), row.agentId(),
                row.metadata(), row.createdAt(), row.updatedAt(), row.state(), row.lastSequence());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
