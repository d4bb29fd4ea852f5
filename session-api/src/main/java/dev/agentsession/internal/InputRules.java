package dev.agentsession.internal;

import dev.agentsession.Limits;
import java.time.Instant;

/**
 * The argument checks every entry point applies, shared by the request records and the backends
 * so that each backend rejects exactly the same input with the same message.
 *
 * <p>Every failure is an {@link IllegalArgumentException} whose message starts with the field's
 * name (or the path of a nested value, such as {@code metadata.tags[2]}).
 */
public final class InputRules {

    private InputRules() {
    }

    /**
     * Checks a required name: not null, not blank, at most {@link Limits#MAX_NAME_LENGTH}
     * characters, and storable text (see {@link #utf8Length}).
     *
     * @return the value, unchanged
     */
    public static String requireName(String field, String value) {
        return requireIdentifier(field, value, Limits.MAX_NAME_LENGTH);
    }

    /**
     * Checks a caller-chosen session id: not null, not blank, at most
     * {@link Limits#MAX_SESSION_ID_LENGTH} characters, and storable text.
     *
     * @return the value, unchanged
     */
    public static String requireSessionId(String field, String value) {
        return requireIdentifier(field, value, Limits.MAX_SESSION_ID_LENGTH);
    }

    /**
     * Checks an optional name: {@code null} is allowed; otherwise at most
     * {@link Limits#MAX_NAME_LENGTH} characters of storable text.
     *
     * @return the value, unchanged
     */
    public static String optionalName(String field, String value) {
        if (value != null) {
            requireLength(field, value, Limits.MAX_NAME_LENGTH);
            utf8Length(field, value);
        }
        return value;
    }

    /**
     * Checks that text can be stored faithfully by every backend, and measures it.
     *
     * <p>Text must not contain U+0000 (PostgreSQL cannot store it) nor an unpaired surrogate (it
     * has no UTF-8 encoding).
     *
     * @param field the name or path reported in the error
     * @param value the text; {@code null} is allowed and measures 0
     * @return the length of the text in UTF-8, in bytes
     * @throws IllegalArgumentException naming the field and the index of the first bad character
     */
    public static long utf8Length(String field, String value) {
        if (value == null) {
            return 0;
        }
        long bytes = 0;
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                if (c == 0) {
                    throw new IllegalArgumentException(
                            field + " contains U+0000 at index " + i + ", which cannot be stored");
                }
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                    bytes += 4;
                    i++;
                } else {
                    throw unpairedSurrogate(field, i);
                }
            } else if (Character.isLowSurrogate(c)) {
                throw unpairedSurrogate(field, i);
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * Finds the first character that {@link #utf8Length} rejects, without building any message.
     *
     * @return its index, or -1 when the text can be stored
     */
    public static int firstUnstorable(String value) {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c == 0 || Character.isLowSurrogate(c)) {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * Checks that a count or position is not negative.
     *
     * @return the value, unchanged
     */
    public static int requireNotNegative(String field, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
        return value;
    }

    /**
     * Checks that a count or position is not negative.
     *
     * @return the value, unchanged
     */
    public static long requireNotNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
        return value;
    }

    /**
     * Checks that a value is present.
     *
     * @return the value, unchanged
     */
    public static <T> T requireNonNull(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return value;
    }

    /**
     * Checks the arguments of {@link dev.agentsession.SessionService#deleteSessionsUpdatedBefore}:
     * a cutoff, an app name, and a user id that may be {@code null} (every user).
     */
    public static void requireCleanup(Instant cutoff, String appName, String userId) {
        requireNonNull("cutoff", cutoff);
        requireName("appName", appName);
        if (userId != null) {
            requireName("userId", userId);
        }
    }

    private static String requireIdentifier(String field, String value, int maxLength) {
        requireNonNull(field, value);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        requireLength(field, value, maxLength);
        utf8Length(field, value);
        return value;
    }

    private static void requireLength(String field, String value, int maxLength) {
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(field + " must be at most " + maxLength
                    + " characters, was " + value.length());
        }
    }

    private static IllegalArgumentException unpairedSurrogate(String field, int index) {
        return new IllegalArgumentException(field + " contains an unpaired surrogate at index "
                + index + ", which has no UTF-8 encoding");
    }
}
