package dev.agentsession.cli.inspector;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret every request to the inspector must carry: in an {@code Authorization: Bearer}
 * header, a {@code token} query parameter (the printed link) or the cookie the page sets from it.
 *
 * @param value the token; at least {@link #MIN_LENGTH} URL-safe characters
 */
public record AccessToken(String value) {

    /** The shortest token accepted: guessing one must not be practical. */
    public static final int MIN_LENGTH = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** @throws IllegalArgumentException if the token is too short or not URL-safe */
    public AccessToken {
        if (value == null || value.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the access token must have at least " + MIN_LENGTH + " characters");
        }
        if (!value.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_')) {
            throw new IllegalArgumentException("the access token may hold only letters, digits, '-' and '_'");
        }
    }

    /** @return a new token of 32 random bytes (43 characters) */
    public static AccessToken random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new AccessToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** @return whether {@code candidate} is this token, compared in constant time */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII),
                candidate.getBytes(StandardCharsets.US_ASCII));
    }

    /** Never shows the secret: it is printed once, on purpose, by the command that starts the server. */
    @Override
    public String toString() {
        return "AccessToken[hidden]";
    }
}
