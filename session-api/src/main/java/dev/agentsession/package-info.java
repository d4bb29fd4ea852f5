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
 * <h2>Compatibility</h2>
 *
 * <p>This package is the public API. {@link dev.agentsession.spi} is what a backend implements;
 * {@code dev.agentsession.internal} is shared by this project's modules and carries no
 * compatibility promise.
 */
package dev.agentsession;
