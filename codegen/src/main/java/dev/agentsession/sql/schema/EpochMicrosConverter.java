package dev.agentsession.sql.schema;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jooq.impl.AbstractConverter;

/**
 * Converts the schema's time columns, microseconds since 1970-01-01T00:00:00Z, to and from
 * {@link Instant}. A number of microseconds means the same instant on every database, whatever
 * the time zone of the JVM, the driver or the server.
 */
public final class EpochMicrosConverter extends AbstractConverter<Long, Instant> {

    private static final long serialVersionUID = 1L;

    /** Creates the converter; used by the generated classes. */
    public EpochMicrosConverter() {
        super(Long.class, Instant.class);
    }

    @Override
    public Instant from(Long micros) {
        return micros == null ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    @Override
    public Long to(Instant instant) {
        return instant == null ? null : ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
