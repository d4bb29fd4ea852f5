package dev.agentsession.portability;

/** Told after each session an export, an import or a copy has written, for progress reports. */
@FunctionalInterface
public interface Progress {

    /** Reports nothing. */
    Progress NONE = (sessions, events) -> { };

    /**
     * @param sessions sessions written (or skipped) so far
     * @param events events written so far
     */
    void advanced(long sessions, long events);
}
