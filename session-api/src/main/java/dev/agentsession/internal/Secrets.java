package dev.agentsession.internal;

import java.util.regex.Pattern;

/**
 * Keeps passwords out of messages: every exception message and log line that shows a store URL
 * or a driver's message passes through here first.
 */
public final class Secrets {

    private static final Pattern URL_PASSWORD = Pattern.compile(
            "(?i)([?&;]password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]*:)[^/@]*@");
    private static final String MASK = "****";

    private Secrets() {
    }

    /**
     * Masks a password given as a {@code password=} parameter or in the {@code user:password@}
     * part of a URL.
     *
     * @return the URL with each password replaced by {@code ****}; {@code null} stays null
     */
    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        String masked = URL_PASSWORD.matcher(url).replaceAll("$1" + MASK);
        return USER_INFO.matcher(masked).replaceAll("$1" + MASK + "@");
    }

    /**
     * Masks every occurrence of {@code password} in {@code text}, and any password in a URL the
     * text contains.
     *
     * @return the text without the password; {@code null} stays null
     */
    public static String scrub(String text, String password) {
        if (text == null) {
            return null;
        }
        String scrubbed = text;
        if (password != null && !password.isEmpty()) {
            scrubbed = scrubbed.replace(password, MASK);
        }
        return maskUrl(scrubbed);
    }
}
