package dev.agentsession.sql.spi;

import dev.agentsession.internal.StateDelta;
import java.time.Instant;
import java.util.List;

/**
 * One append as an {@link Appender} takes it: the session's key, scope and the time, the last
 * sequence the caller expects, the event's payload (in {@link EventColumns#PAYLOAD} order) and the
 * state delta split by tier.
 *
 * @param sessionPk the session's key
 * @param appName the session's app, the app tier's key
 * @param userId the session's user, the user tier's key
 * @param now the append's time, in whole microseconds
 * @param expectedLastSequence the session's last sequence the caller expects, or null for any
 * @param payload the event's values, as {@link EventColumns#payload} encodes them
 * @param delta the state delta by tier, {@link StateDelta#EMPTY} for none
 */
public record AppendRow(long sessionPk, String appName, String userId, Instant now, Long expectedLastSequence,
                        List<Object> payload, StateDelta delta) {
}
