/**
 * The contract of agent-session: a {@link dev.agentsession.SessionService} keeps sessions and
 * their events behind one interface, whichever store holds them; {@link
 * dev.agentsession.SessionServices} opens one by URL.
 *
 * <h2 id="json">JSON values</h2>
 *
 * <p>Session metadata, event metadata, action input and action output are JSON values: {@code
 * null}, a {@link java.lang.String}, a {@link java.lang.Boolean}, a {@link java.lang.Number}, a
 * {@link java.util.List} of JSON values, or a {@link java.util.Map} from {@code String} keys to
 * JSON values, nested at most {@link dev.agentsession.Limits#MAX_JSON_DEPTH} deep and without
 * cycles. Anything else is rejected before anything is written, with an {@link
 * IllegalArgumentException} naming the path of the offending value ({@code metadata.tags[2]}).
 *
 * <p><b>The number rule</b>, the same on every backend: integral numbers ({@code Byte}, {@code
 * Short}, {@code Integer}, {@code Long}, and a {@code BigInteger} within the range of a long) come
 * back as {@link java.lang.Long}; every other number ({@code Float}, {@code Double}, {@code
 * BigDecimal}) comes back as {@link java.lang.Double}. A {@code Float} becomes the double its
 * decimal form denotes ({@code 0.1f} becomes {@code 0.1}), and {@code -0.0} becomes {@code 0.0}.
 * NaN, infinities, a {@code BigInteger} outside the range of a long and other {@code Number}
 * types are rejected.
 *
 * <p>What a store returns is an unmodifiable deep copy that shares nothing with the caller's
 * objects; {@code null} values inside maps and lists are kept. Key order is not part of the
 * contract: some databases reorder keys.
 *
 * <h2 id="state">State</h2>
 *
 * <p>Each session has a state: a map of JSON values that agents read and change on every turn, in
 * three scopes as in Google ADK. A key {@code app:k} lives in the application's tier, seen by every
 * session of the app whoever the user; {@code user:k} lives in the (app, user) tier, seen by every
 * session of that user in that app and by no other user; an unprefixed key belongs to the session
 * alone; {@code temp:k} is accepted in a delta and never stored, not even in the event's stored
 * delta. Keys follow the name rules (non-blank, at most {@link dev.agentsession.Limits#MAX_NAME_LENGTH}
 * characters, no U+0000), and a prefix with nothing after it ({@code "app:"}) is rejected. Values
 * are JSON values; each tier is at most {@link dev.agentsession.Limits#MAX_STATE_TIER_BYTES} as JSON.
 *
 * <p>State changes travel with events: {@link dev.agentsession.AddEventOptions#stateDelta()} is
 * committed in the append's transaction, with the event, the sequence and {@code updatedAt}, to
 * every tier it touches, or nothing is. A {@code null} value removes the key. Appends to one session
 * apply in sequence order (the later sequence wins per key); deltas to one app or user tier from
 * many sessions at once lose no write. {@link dev.agentsession.CreateRequest#state()} applies the
 * initial state the same way. {@link dev.agentsession.Session#state()} shows the state as of the
 * snapshot; {@link dev.agentsession.SessionService#appState} and {@link
 * dev.agentsession.SessionService#userState} read the shared tiers; {@link
 * dev.agentsession.SessionService#deleteUser} erases a user's sessions and tier, while {@code delete}
 * and the cleanup leave the shared tiers alone.
 *
 * <p><b>Optimistic appends.</b> With {@code expectedLastSequence(n)} an append happens only if the
 * session's last sequence is {@code n}; otherwise {@link dev.agentsession.SessionConflictException}
 * carries the current one and nothing is written. The check is on the sequence, never on a clock,
 * so there are no false conflicts. <b>Idempotent appends.</b> With {@code eventId(id)} a second
 * append of the same id to the session returns the stored event and writes nothing, even when both
 * run at once; the same id with another payload is a conflict.
 *
 * <h2>Compatibility</h2>
 *
 * <p>This package is the public API. {@link dev.agentsession.spi} is what a backend implements;
 * {@code dev.agentsession.internal} is shared by this project's modules and carries no
 * compatibility promise.
 */
package dev.agentsession;
