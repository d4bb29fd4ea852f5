package dev.agentsession.sql.spi;

import dev.agentsession.internal.InputRules;
import java.util.List;
import org.jooq.JSONB;

/**
 * The most bytes a database accepts in one statement, and the setting that raises it. An append
 * whose insert would not fit is refused before anything is sent, with a message naming the
 * setting.
 *
 * @param bytes the limit; {@link Long#MAX_VALUE} for none below the library's own
 * @param setting what to raise on the server for larger events, such as "max_allowed_packet"
 */
public record StatementLimit(long bytes, String setting) {

    /** No limit below {@link dev.agentsession.Limits#MAX_EVENT_BYTES}. */
    public static final StatementLimit NONE = new StatementLimit(Long.MAX_VALUE, "");

    /** Room for the statement's text and the fixed-size values, beside the variable ones. */
    static final long STATEMENT_OVERHEAD_BYTES = 4_096;

    /**
     * @throws IllegalArgumentException if {@code bytes} is not positive or {@code setting} is null
     */
    public StatementLimit {
        if (bytes <= 0) {
            throw new IllegalArgumentException("bytes must be positive, was " + bytes);
        }
        InputRules.requireNonNull("setting", setting);
    }

    /**
     * Refuses, before anything is sent, an event whose insert would not fit in one statement.
     *
     * @param payload the event's values as they will be sent, in {@link EventColumns#PAYLOAD} order
     * @param store what the store is, for the message
     * @throws IllegalArgumentException naming the largest column and the setting to raise, if the
     *     insert would exceed the limit
     */
    public void check(List<Object> payload, String store) {
        if (bytes == Long.MAX_VALUE) {
            return;
        }
        long size = STATEMENT_OVERHEAD_BYTES;
        long largest = -1;
        String field = null;
        for (int i = 0; i < payload.size(); i++) {
            Object value = payload.get(i);
            String name = EventColumns.PAYLOAD.get(i).field().getName();
            long length = value instanceof JSONB json ? InputRules.utf8Length(name, json.data())
                    : value instanceof String text ? InputRules.utf8Length(name, text) : 0;
            size += length;
            if (length > largest) {
                largest = length;
                field = name;
            }
        }
        if (size > bytes) {
            throw new IllegalArgumentException(field + " makes the event too large for " + store
                    + ": its insert would take about " + size + " bytes, and this server accepts at most "
                    + bytes + " in one statement (raise " + setting + " on the server to store larger events)");
        }
    }
}
