package dev.agentsession.sql;

import dev.agentsession.AddEventOptions;
import dev.agentsession.internal.InputRules;
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
     * @param options the event
     * @param actions the event's actions as JSON, as they will be sent
     * @param toolIds the event's long-running tool ids as JSON
     * @param metadata the event's metadata as JSON
     * @param store what the store is, for the message
     * @throws IllegalArgumentException naming the larger of content and reasoning, and the
     *     setting to raise, if the insert would exceed the limit
     */
    void check(AddEventOptions options, JSONB actions, JSONB toolIds, JSONB metadata, String store) {
        if (bytes == Long.MAX_VALUE) {
            return;
        }
        long content = InputRules.utf8Length("content", options.content());
        long reasoning = InputRules.utf8Length("reasoning", options.reasoning());
        long size = STATEMENT_OVERHEAD_BYTES + content + reasoning + jsonBytes(actions) + jsonBytes(toolIds)
                + jsonBytes(metadata) + 4L * (length(options.author()) + length(options.invocationId())
                + length(options.agentId()) + length(options.branch()));
        if (size > bytes) {
            String field = content >= reasoning ? "content" : "reasoning";
            throw new IllegalArgumentException(field + " makes the event too large for " + store
                    + ": its insert would take about " + size + " bytes, and this server accepts at most "
                    + bytes + " in one statement (raise " + setting + " on the server to store larger events)");
        }
    }

    private static long jsonBytes(JSONB json) {
        return json == null ? 0 : InputRules.utf8Length("json", json.data());
    }

    private static long length(String text) {
        return text == null ? 0 : text.length();
    }
}
