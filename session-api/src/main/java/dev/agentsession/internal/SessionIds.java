package dev.agentsession.internal;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Generates the ids of sessions and events: version 7 UUIDs (RFC 9562), which are unique,
 * URL-safe, 36 characters long, unguessable (74 random bits) and sort by their creation
 * millisecond.
 */
public final class SessionIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {
    }

    /** @return a new version 7 UUID in its canonical lower-case form */
    public static String next() {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long millis = System.currentTimeMillis();
        long high = (millis << 16) | 0x7000L | ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL);
        long low = 0x8000000000000000L | ((random[2] & 0x3FL) << 56);
        for (int i = 3; i < 10; i++) {
            low |= (random[i] & 0xFFL) << (8 * (9 - i));
        }
        return new UUID(high, low).toString();
    }
}
