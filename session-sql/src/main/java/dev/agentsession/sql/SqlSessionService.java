package dev.agentsession.sql;

import static dev.agentsession.sql.schema.Tables.SESSIONS;

import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.DeleteRequest;
import dev.agentsession.Event;
import dev.agentsession.GetRequest;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionAlreadyExistsException;
import dev.agentsession.SessionNotFoundException;
import dev.agentsession.SessionService;
import dev.agentsession.SessionStoreException;
import dev.agentsession.internal.InputRules;
import dev.agentsession.internal.SessionIds;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.exception.DataAccessException;

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
public abstract class SqlSessionService implements SessionService {

    private final SqlDatabase database;
    private final Dialect dialect;
    private final AppendPlan.Appender appender;
    private final ReadStatements reads;
    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * A service over a database whose schema is already in place. The service owns the database
     * from now on and closes it in {@link #close()}.
     *
     * @param database the database, its schema migrated or checked
     */
    protected SqlSessionService(SqlDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
        this.appender = dialect.appendPlan().prepare(database.reader());
        this.reads = new ReadStatements(database.reader());
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
        String action = "creating session '" + id + "'";
        try {
            long pk = database.statement(dsl -> dsl.insertInto(SESSIONS)
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
                    .value1());
            return new SqlSession(this, pk, id, request.appName(), request.userId(), request.agentId(),
                    request.metadata(), now, now);
        } catch (DataAccessException e) {
            if (dialect.isConstraintViolation(e)) {
                throw new SessionAlreadyExistsException(request.appName(), request.userId(), id, e);
            }
            throw failure(action, e);
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
    public String toString() {
        return getClass().getSimpleName() + "[" + database.description() + "]";
    }

    // ----------------------------------------------------------- used by the session handles

    final Event addEvent(SqlSession session, AddEventOptions options) {
        InputRules.requireNonNull("options", options);
        checkOpen();
        // Encode before taking the write lock: the transaction holds only what must be in it.
        JSONB actions = JsonCodec.actions(options.actions());
        JSONB toolIds = JsonCodec.list(options.longRunningToolIds());
        JSONB metadata = JsonCodec.object(options.metadata());
        database.statementLimit().check(options, actions, toolIds, metadata, database.description());
        String id = SessionIds.next();
        AppendPlan.Row row = new AppendPlan.Row(session.pk(), now(), id, options.invocationId(), options.agentId(),
                options.branch(), options.author(), options.content(), options.reasoning(), actions, toolIds,
                metadata);
        AppendPlan.Position position;
        try {
            position = appender.append(database, row);
        } catch (AppendPlan.NoSuchSession gone) {
            throw new SessionNotFoundException(session.appName(), session.userId(), session.id());
        } catch (DataAccessException e) {
            throw failure("appending an event to session '" + session.id() + "'", e);
        }
        return new Event(id, session.id(), position.sequence(), options.invocationId(), options.agentId(),
                options.branch(), options.author(), options.content(), options.reasoning(), options.actions(),
                options.longRunningToolIds(), options.metadata(), position.createdAt());
    }

    final List<Event> events(SqlSession session, long afterSequence, int limit) {
        checkOpen();
        return query("reading the events of session '" + session.id() + "'", () -> database.reader().connectionResult(c ->
                reads.events(c, session.id(), session.pk(), afterSequence, limit)));
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
                row.metadata(), row.createdAt(), row.updatedAt());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Runs a read, reporting a database failure as one while {@code action}. */
    private <T> T query(String action, Supplier<T> read) {
        try {
            return read.get();
        } catch (DataAccessException e) {
            throw failure(action, e);
        }
    }

    /** Runs one write statement, atomic on its own, reporting a failure as one while {@code action}. */
    private <T> T write(String action, Function<DSLContext, T> work) {
        try {
            return database.statement(work);
        } catch (DataAccessException e) {
            throw failure(action, e);
        }
    }

    private SessionStoreException failure(String action, DataAccessException e) {
        String message = closed.get() ? action + " failed: the service was closed meanwhile"
                : action + " in " + database.description() + " failed";
        return dialect.failure(message, e);
    }
}
