package dev.agentsession.cli;

import dev.agentsession.internal.Secrets;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** How the tool reports a failure: one line with the message of each cause, secrets masked. */
final class Failures {

    private Failures() {
    }

    /**
     * The failure's message followed by each cause's message that it does not already contain,
     * separated by {@code ": "}, with every secret of any URL in it masked ({@link Secrets}).
     */
    static String describe(Throwable failure) {
        List<String> parts = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            String message = message(cause, cause == failure);
            if (message != null && parts.stream().noneMatch(part -> part.contains(message))) {
                parts.add(message);
            }
        }
        return TerminalText.escape(String.join(": ", parts.stream().map(Secrets::maskUrl).toList()).replace('\n', ' '));
    }

    /**
     * Sends what libraries log through {@code java.util.logging} (the PostgreSQL driver warns with
     * the whole URL) to {@code err}, one masked line per record, instead of the console handler.
     */
    static void maskLibraryLogs(PrintWriter err) {
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        root.addHandler(new MaskedLog(err));
    }

    private static String message(Throwable cause, boolean first) {
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return first ? cause.getClass().getSimpleName() : null;
        }
        return message.strip();
    }

    /** A log handler that writes each record as one line, its secrets masked. */
    private static final class MaskedLog extends Handler {

        private final PrintWriter err;

        MaskedLog(PrintWriter err) {
            this.err = err;
            setFormatter(new SimpleFormatter());
        }

        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                err.println("session-cli: " + record.getLevel().getName().toLowerCase(Locale.ROOT) + " from "
                        + record.getLoggerName() + ": "
                        + Secrets.maskUrl(getFormatter().formatMessage(record)).replace('\n', ' '));
            }
        }

        @Override
        public void flush() {
            err.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
