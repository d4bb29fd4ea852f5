package dev.agentsession;

/**
 * The documented size limits, the same on every backend. Each is checked before anything is sent
 * to a store, and a value over a limit is rejected with an {@link IllegalArgumentException} that
 * names the field.
 */
public final class Limits {

    /** Longest caller-chosen session id, in characters (UTF-16 code units). */
    public static final int MAX_SESSION_ID_LENGTH = 128;

    /**
     * Longest name, in characters: appName, userId, agentId, author, invocationId, branch, an
     * action's toolName and each long-running tool id.
     */
    public static final int MAX_NAME_LENGTH = 255;

    /**
     * Largest event payload, in bytes: the UTF-8 length of content and reasoning plus the
     * compact JSON size of actions, long-running tool ids and metadata (9 MiB). An event whose
     * content alone is 8 MiB fits.
     */
    public static final int MAX_EVENT_BYTES = 9 * 1024 * 1024;

    /** Largest session metadata, as compact JSON in bytes (1 MiB). */
    public static final int MAX_SESSION_METADATA_BYTES = 1024 * 1024;

    /**
     * Largest state tier, as compact JSON in bytes (1 MiB): a session's own keys, an app's keys,
     * or a user's keys, each on its own. A delta or initial state that would make a tier larger is
     * rejected before anything is written.
     */
    public static final int MAX_STATE_TIER_BYTES = 1024 * 1024;

    /** Deepest nesting of maps and lists in a JSON value (metadata, action input or output). */
    public static final int MAX_JSON_DEPTH = 64;

    private Limits() {
    }
}
