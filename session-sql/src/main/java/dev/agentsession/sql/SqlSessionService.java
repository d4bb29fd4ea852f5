package dev.agentsession.sql;

import java.util.function.Function;
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
import dev.agentsession.spi.InputRules;
import dev.agentsession.spi.SessionIds;
import dev.agentsession.sql.schema.EpochMicrosConverter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.exception.DataAccessException;

/**
 * The contract implemented once for every relational database, on the jOOQ classes generated from
 * the schema. What differs between databases is behind {@link SqlDatabase}.
 *
 * <p>An append is one write transaction of two statements: raise the session's
 * {@code last_sequence} and {@code updated_at} (which locks the session row, so concurrent appends
 * queue on it and sequences stay gap-free), then insert the event. Reading the last N events is
 * one query on the {@code (session_pk, sequence)} key, whatever the session's length.
 *
 * <p>Database failures are reported as {@link SessionStoreException} saying what was being done,
 * with the database's exception as the cause.
 */
public final class SqlSessionService implements SessionService {

    /** Events read per page by {@link Session#streamEvents}. */
    static final int STREAM_PAGE_SIZE = 1_000;

    private static final EpochMicrosConverter MICROS = new EpochMicrosConverter();

    /** Room for the statement's text and the fixed-size values, beside the variable ones. */
    private static final long STATEMENT_OVERHEAD_BYTES = 4_096;

    private final SqlDatabase database;
    private final AppendStatements appends;
    private final ReadStatements reads;
    private final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SqlSessionService(SqlDatabase database, Clock clock) {
        this.database = database;
        this.appends = new AppendStatements(database.reads());
        this.reads = new ReadStatements(database.reads());
        this.clock = clock;
    }

    /**
     * A service over a database whose schema is already in place. The service owns the database
     * from now on and closes it in {@link #close()}.
     */
    public static SqlSessionService open(SqlDatabase database) {
        return new SqlSessionService(Objects.requireNonNull(database, "database"), Clock.systemUTC());
    }

    /** @return the database this service runs on */
    public SqlDatabase database() {
        return database;
    }

    @Override
    public Session create(CreateRequest request) {
        InputRules.requireNonNull("request", request);
        checkOpen();
        String id = request.sessionId() != null ? request.sessionId() : SessionIds.next();
        Instant now = now();
        try {
            long pk = database.write(dsl -> dsl.insertInto(SESSIONS)
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
            if (database.isDuplicateKey(e)) {
                throw new SessionAlreadyExistsException(request.appName(), request.userId(), id, e);
            }
            throw failure("creating session '" + id + "'", e);
        }
    }

    @Override
    public Optional<Session> get(GetRequest request) {
        InputRules.requireNonNull("request", request);
        checkOpen();
        return run("reading session '" + request.sessionId() + "'", () -> database.reads().connectionResult(c ->
                Optional.ofNullable(reads.session(c, request.appName(), request.userId(), request.sessionId()))
                        .map(this::handle)));
    }

    @Override
    public List<Session> list(ListRequest request) {
        InputRules.requireNonNull("request", request);
        checkOpen();
        return run("listing the sessions of user '" + request.userId() + "'", () -> {
            List<ReadStatements.SessionRow> rows = database.reads().connectionResult(c ->
                    reads.list(c, request.appName(), request.userId(), request.limit()));
            List<Session> sessions = new ArrayList<>(rows.size());
            for (ReadStatements.SessionRow row : rows) {
                sessions.add(handle(row));
            }
            return Collections.unmodifiableList(sessions);
        });
    }

    @Override
    public boolean delete(DeleteRequest request) {
        InputRules.requireNonNull("request", request);
        checkOpen();
        return write("deleting session '" + request.sessionId() + "'", dsl -> dsl
                .deleteFrom(SESSIONS)
                .where(inScope(request.appName(), request.userId()))
                .and(SESSIONS.ID.eq(request.sessionId()))
                .execute() > 0);
    }

    @Override
    public long deleteSessionsUpdatedBefore(Instant cutoff, String appName, String userId) {
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

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            database.close();
        }
    }

    // ----------------------------------------------------------- used by the session handles

    Event addEvent(SqlSession session, AddEventOptions options) {
        InputRules.requireNonNull("options", options);
        checkOpen();
        // Encode before taking the write lock: the transaction holds only what must be in it.
        JSONB actions = JsonCodec.actions(options.actions());
        JSONB toolIds = JsonCodec.list(options.longRunningToolIds());
        JSONB metadata = JsonCodec.object(options.metadata());
        checkStatementSize(options, actions, toolIds, metadata);
        Instant now = now();
        String id = SessionIds.next();
        Object[] values = {"pk", session.pk(), "now", now, "id", id, "session_pk", session.pk(),
            "invocation_id", options.invocationId(), "agent_id", options.agentId(), "branch", options.branch(),
            "author", options.author(), "content", options.content(), "reasoning", options.reasoning(),
            "actions", actions, "tool_ids", toolIds, "metadata", metadata};
        String action = "appending an event to session '" + session.id() + "'";
        AppendStatements.Position position;
        if (appends.mode() == AppendStatements.Mode.ONE_STATEMENT) {
            // one atomic statement in auto-commit: no transaction to open or close around it
            position = run(action, () -> database.reads().connectionResult(c -> appends.appendInOne(c, values)));
        } else {
            position = write(action, dsl -> dsl.connectionResult(c -> {
                AppendStatements.Position p = appends.appendInSteps(c, session.pk(), now, values);
                if (p == null) {
                    // nothing was written; end the transaction without a change
                    throw new SessionNotFoundException(session.appName(), session.userId(), session.id());
                }
                return p;
            }));
        }
        if (position == null) {
            throw new SessionNotFoundException(session.appName(), session.userId(), session.id());
        }
        return new Event(id, session.id(), position.sequence(), options.invocationId(), options.agentId(),
                options.branch(), options.author(), options.content(), options.reasoning(), options.actions(),
                options.longRunningToolIds(), options.metadata(), position.updatedAt());
    }

    /**
     * Refuses, before anything is sent, an event whose insert would exceed what the database
     * accepts in one statement (MySQL's {@code max_allowed_packet}).
     */
    private void checkStatementSize(AddEventOptions options, JSONB actions, JSONB toolIds, JSONB metadata) {
        long limit = database.maxStatementBytes();
        if (limit >= Long.MAX_VALUE) {
            return;
        }
        long content = InputRules.utf8Length("content", options.content());
        long reasoning = InputRules.utf8Length("reasoning", options.reasoning());
        long size = STATEMENT_OVERHEAD_BYTES + content + reasoning + jsonBytes(actions) + jsonBytes(toolIds)
                + jsonBytes(metadata) + 4L * (length(options.author()) + length(options.invocationId())
                + length(options.agentId()) + length(options.branch()));
        if (size > limit) {
            String field = content >= reasoning ? "content" : "reasoning";
            throw new IllegalArgumentException(field + " makes the event too large for " + database.description()
                    + ": its insert would take about " + size + " bytes, and this server accepts at most "
                    + limit + " in one statement (raise max_allowed_packet on the server to store larger events)");
        }
    }

    private static long jsonBytes(JSONB json) {
        return json == null ? 0 : InputRules.utf8Length("json", json.data());
    }

    private static long length(String text) {
        return text == null ? 0 : text.length();
    }

    List<Event> events(SqlSession session, long afterSequence, int limit) {
        checkOpen();
        return run("reading the events of session '" + session.id() + "'", () -> database.reads().connectionResult(c ->
                reads.events(c, session.id(), session.pk(), afterSequence, limit)));
    }

    List<Event> page(SqlSession session, long afterSequence) {
        checkOpen();
        return run("reading the events of session '" + session.id() + "'", () -> database.reads().connectionResult(c ->
                reads.page(c, session.id(), session.pk(), afterSequence, STREAM_PAGE_SIZE)));
    }

    /** @throws IllegalStateException if the service is closed */
    public void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the session service is closed");
        }
    }

    // ---------------------------------------------------------------------------- internals

    private static Condition inScope(String appName, String userId) {
        return SESSIONS.APP_NAME.eq(appName).and(SESSIONS.USER_ID.eq(userId));
    }

    private Session handle(ReadStatements.SessionRow row) {
        return new SqlSession(this, row.pk(), row.id(), row.appName(), row.userId(), row.agentId(),
                JsonCodec.readObject(ReadStatements.json(row.metadata())), MICROS.from(row.createdAt()),
                MICROS.from(row.updatedAt()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Runs one call on the database outside a write transaction, reporting failures as {@code action}. */
    private <T> T run(String action, Supplier<T> query) {
        try {
            return query.get();
        } catch (DataAccessException e) {
            throw failure(action, e);
        }
    }

    private <T> T write(String action, Function<DSLContext, T> work) {
        try {
            return database.write(work);
        } catch (DataAccessException e) {
            throw failure(action, e);
        }
    }

    private SessionStoreException failure(String action, DataAccessException e) {
        if (closed.get()) {
            return new SessionStoreException(action + " failed: the service was closed meanwhile", e);
        }
        return new SessionStoreException(action + " in " + database.description() + " failed", e);
    }
}
