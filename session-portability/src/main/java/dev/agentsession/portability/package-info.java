/**
 * Moving conversations between stores: {@link dev.agentsession.portability.JsonlExport} and
 * {@link dev.agentsession.portability.JsonlImport} write and read a versioned JSONL format, and
 * {@link dev.agentsession.portability.StoreCopy} copies between any two stores, with ids,
 * sequences and times kept and each session in one transaction.
 *
 * <h2 id="format">agent-session JSONL, version 1</h2>
 *
 * <p>UTF-8, one JSON object per line. The first line is {@code {"format":"agent-session","version":1}};
 * the last is {@code {"kind":"end","appTiers":a,"userTiers":u,"sessions":s,"events":e}}, so a file
 * cut short is refused (and one whose session count differs from the sessions it holds). Between
 * them, each line has a {@code kind}:
 * <ul>
 *   <li>{@code app}: {@code appName}, {@code state} (the app tier, keys without prefix);</li>
 *   <li>{@code user}: {@code appName}, {@code userId}, {@code state} (the user tier);</li>
 *   <li>{@code session}: {@code appName}, {@code userId}, {@code id}, {@code agentId},
 *       {@code metadata}, {@code createdAt}, {@code updatedAt}, {@code state} (the session's own
 *       keys), {@code lastSequence}; followed by the session's events;</li>
 *   <li>{@code event}: {@code id}, {@code sequence}, {@code invocationId}, {@code agentId},
 *       {@code branch}, {@code author}, {@code content}, {@code reasoning}, {@code actions} (each
 *       {@code toolName}, {@code input}, {@code output}), {@code longRunningToolIds},
 *       {@code metadata}, {@code createdAt}, {@code stateDelta} (as stored: {@code null} removes a
 *       key); the session's whole history, sequences 1 to {@code lastSequence} in order.</li>
 * </ul>
 * Times are ISO-8601 instants in UTC with up to microseconds ({@code 2026-11-26T10:15:30.123456Z}).
 * JSON values follow the library's number rule: whole numbers read back as {@code Long}, others as
 * {@code Double}. Fields that are {@code null} are written as {@code null}.
 */
package dev.agentsession.portability;
