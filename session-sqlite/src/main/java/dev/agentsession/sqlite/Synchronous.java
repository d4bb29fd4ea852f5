package dev.agentsession.sqlite;

/**
 * How hard SQLite pushes each commit to the disk ({@code PRAGMA synchronous}) in WAL mode.
 */
public enum Synchronous {

    /**
     * The default. A commit survives a crash of the program; after a power loss or an operating
     * system crash the last commits may be rolled back, but the file is never corrupted.
     */
    NORMAL,

    /** Every commit is on the disk before it returns: it survives a power loss too. Slower. */
    FULL
}
