package dev.agentsession.sql.spi;

import java.time.Instant;

/**
 * Where an append landed.
 *
 * @param sequence the event's sequence in its session
 * @param createdAt the event's time
 */
public record AppendPosition(long sequence, Instant createdAt) {
}
