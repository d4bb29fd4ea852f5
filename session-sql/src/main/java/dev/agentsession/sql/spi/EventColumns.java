package dev.agentsession.sql.spi;

import static dev.agentsession.sql.schema.Tables.EVENTS;

import dev.agentsession.AddEventOptions;
import dev.agentsession.Event;
import dev.agentsession.internal.LazyList;
import dev.agentsession.internal.LazyObject;
import dev.agentsession.sql.schema.tables.records.EventsRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * The one ordered list of the {@code events} columns an append writes, each with how its value is
 * taken from an append and from a stored {@link Event}. Every statement that writes or reads events
 * (each backend's append, the import, the reads) takes its columns from here, on the generated
 * {@code EVENTS} fields, so a new event column is added to {@link Event}, the migrations and this
 * list, and nowhere else in Java.
 *
 * <p>An append gives the values of the {@link #PAYLOAD} columns; the store gives the other three:
 * the session's key, the sequence and the time. The payload's order is also the order of the
 * arguments the MySQL append routines take after their own (a test compares them with
 * {@code information_schema.PARAMETERS}).
 */
public final class EventColumns {

    /**
     * What an append writes, before it reaches the database: the event's id (the caller's or a
     * generated one), the caller's options, and the delta as an event stores it (without
     * {@code temp:} keys).
     *
     * @param id the event's id
     * @param options the caller's options
     * @param storedDelta the delta as stored
     */
    public record Appended(String id, AddEventOptions options, Map<String, Object> storedDelta) {
    }

    /**
     * One payload column: its generated field, the named parameter statements bind it by, and
     * its value taken from an append and from a stored event.
     *
     * @param field the generated field
     * @param param the named parameter of that field's type
     * @param fromAppend its value for an append
     * @param fromEvent its value for a stored event (an import)
     * @param <T> the field's Java type
     */
    public record Column<T>(TableField<EventsRecord, T> field, Param<T> param, Function<Appended, T> fromAppend,
                            Function<Event, T> fromEvent) {
    }

    private static <T> Column<T> column(TableField<EventsRecord, T> field, Function<Appended, T> fromAppend,
            Function<Event, T> fromEvent) {
        return new Column<>(field, DSL.param(field.getName(), field), fromAppend, fromEvent);
    }

    /** The columns an append gives the values of, in the order statements and routines take them. */
    public static final List<Column<?>> PAYLOAD = List.of(
            column(EVENTS.ID, Appended::id, Event::id),
            column(EVENTS.INVOCATION_ID, a -> a.options().invocationId(), Event::invocationId),
            column(EVENTS.AGENT_ID, a -> a.options().agentId(), Event::agentId),
            column(EVENTS.BRANCH, a -> a.options().branch(), Event::branch),
            column(EVENTS.AUTHOR, a -> a.options().author(), Event::author),
            column(EVENTS.CONTENT, a -> a.options().content(), Event::content),
            column(EVENTS.REASONING, a -> a.options().reasoning(), Event::reasoning),
            column(EVENTS.ACTIONS, a -> JsonCodec.actions(a.options().actions()), e -> JsonCodec.actions(e.actions())),
            column(EVENTS.LONG_RUNNING_TOOL_IDS, a -> JsonCodec.list(a.options().longRunningToolIds()),
                    e -> JsonCodec.list(e.longRunningToolIds())),
            column(EVENTS.METADATA, a -> JsonCodec.object(a.options().metadata()),
                    e -> JsonCodec.object(e.metadata())),
            column(EVENTS.STATE_DELTA, a -> JsonCodec.object(a.storedDelta()), e -> JsonCodec.object(e.stateDelta())));

    /** The columns the store gives: the session's key, the event's sequence and its time. */
    public static final List<Field<?>> POSITION = List.of(EVENTS.SESSION_PK, EVENTS.SEQUENCE, EVENTS.CREATED_AT);

    /** The columns a read selects, in the order {@link #read} takes them. */
    public static final Columns READ = Columns.of(EVENTS.ID, EVENTS.SEQUENCE, EVENTS.INVOCATION_ID,
            EVENTS.AGENT_ID, EVENTS.BRANCH, EVENTS.AUTHOR, EVENTS.CONTENT, EVENTS.REASONING, EVENTS.ACTIONS,
            EVENTS.LONG_RUNNING_TOOL_IDS, EVENTS.METADATA, EVENTS.CREATED_AT, EVENTS.STATE_DELTA);

    private EventColumns() {
    }

    /** @return every column an append inserts: the {@link #PAYLOAD}, then the {@link #POSITION} */
    public static List<Field<?>> inserted() {
        List<Field<?>> fields = new ArrayList<>(PAYLOAD.size() + POSITION.size());
        for (Column<?> column : PAYLOAD) {
            fields.add(column.field());
        }
        fields.addAll(POSITION);
        return fields;
    }

    /**
     * The values of an insert into {@link #inserted()}: each payload column's parameter, then the
     * three position values the caller names.
     *
     * @param sessionPk the session's key
     * @param sequence the event's sequence
     * @param createdAt the event's time
     * @return the values, in the order of {@link #inserted()}
     */
    public static List<Field<?>> insertedValues(Field<Long> sessionPk, Field<Long> sequence, Field<Instant> createdAt) {
        List<Field<?>> values = new ArrayList<>(PAYLOAD.size() + POSITION.size());
        for (Column<?> column : PAYLOAD) {
            values.add(column.param());
        }
        values.add(sessionPk);
        values.add(sequence);
        values.add(createdAt);
        return values;
    }

    /** @return the payload's parameters, in order */
    public static List<Param<?>> payloadParams() {
        List<Param<?>> params = new ArrayList<>(PAYLOAD.size());
        for (Column<?> column : PAYLOAD) {
            params.add(column.param());
        }
        return params;
    }

    /**
     * Encodes an append's payload once, before the write transaction: the values in
     * {@link #PAYLOAD} order, JSON columns as their stored JSON.
     *
     * @param appended the append
     * @return an unmodifiable list, {@code null} for absent values
     */
    public static List<Object> payload(Appended appended) {
        return values(column -> column.fromAppend().apply(appended));
    }

    /**
     * @param event a stored event, as an import gives it
     * @return its payload, as {@link #payload(Appended)} gives an append's
     */
    public static List<Object> payload(Event event) {
        return values(column -> column.fromEvent().apply(event));
    }

    private static List<Object> values(Function<Column<?>, Object> value) {
        Object[] values = new Object[PAYLOAD.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value.apply(PAYLOAD.get(i));
        }
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    /**
     * Sets each payload parameter of a statement.
     *
     * @param values the statement's values
     * @param payload a payload in {@link #PAYLOAD} order
     * @return {@code values}
     */
    @SuppressWarnings("unchecked")
    public static RenderedStatement.Values bind(RenderedStatement.Values values, List<Object> payload) {
        for (int i = 0; i < payload.size(); i++) {
            values.set((Param<Object>) PAYLOAD.get(i).param(), payload.get(i));
        }
        return values;
    }

    /**
     * A record of a stored event for an import.
     *
     * @param event the event
     * @param sessionPk its session's key
     * @return the record, every inserted column set
     */
    @SuppressWarnings("unchecked")
    public static EventsRecord record(Event event, long sessionPk) {
        EventsRecord record = new EventsRecord();
        List<Object> payload = payload(event);
        for (int i = 0; i < payload.size(); i++) {
            record.set((Field<Object>) PAYLOAD.get(i).field(), payload.get(i));
        }
        record.set(EVENTS.SESSION_PK, sessionPk);
        record.set(EVENTS.SEQUENCE, event.sequence());
        record.set(EVENTS.CREATED_AT, event.createdAt());
        return record;
    }

    /**
     * The event an append wrote, from the caller's values, as a read would give it.
     *
     * @param appended the append
     * @param sessionId the session's id
     * @param sequence where it landed
     * @param createdAt its time
     * @return the event
     */
    public static Event appended(Appended appended, String sessionId, long sequence, Instant createdAt) {
        AddEventOptions options = appended.options();
        return new Event(appended.id(), sessionId, sequence, options.invocationId(), options.agentId(),
                options.branch(), options.author(), options.content(), options.reasoning(), options.actions(),
                options.longRunningToolIds(), options.metadata(), createdAt, appended.storedDelta());
    }

    /**
     * An event of a row selected by {@link #READ}. Its JSON columns are decoded when the caller
     * first looks at them: a program that reads the recent turns for their text never pays for
     * decoding tool calls.
     *
     * @param row a result set on a row of {@link #READ}'s columns
     * @param sessionId the session's id
     * @return the event
     * @throws SQLException if the row cannot be read
     */
    public static Event read(ResultSet row, String sessionId) throws SQLException {
        JSONB actions = READ.get(row, EVENTS.ACTIONS);
        JSONB toolIds = READ.get(row, EVENTS.LONG_RUNNING_TOOL_IDS);
        JSONB metadata = READ.get(row, EVENTS.METADATA);
        JSONB delta = READ.get(row, EVENTS.STATE_DELTA);
        return new Event(READ.get(row, EVENTS.ID), sessionId, READ.get(row, EVENTS.SEQUENCE),
                READ.get(row, EVENTS.INVOCATION_ID), READ.get(row, EVENTS.AGENT_ID), READ.get(row, EVENTS.BRANCH),
                READ.get(row, EVENTS.AUTHOR), READ.get(row, EVENTS.CONTENT), READ.get(row, EVENTS.REASONING),
                actions == null ? List.of() : LazyList.of(() -> JsonCodec.readActions(actions)),
                toolIds == null ? List.of() : LazyList.of(() -> JsonCodec.readStrings(toolIds)),
                metadata == null ? Map.of() : LazyObject.of(() -> JsonCodec.readObject(metadata)),
                READ.get(row, EVENTS.CREATED_AT),
                delta == null ? Map.of() : LazyObject.of(() -> JsonCodec.readObject(delta)));
    }
}
