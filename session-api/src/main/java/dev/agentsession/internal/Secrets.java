package dev.agentsession.internal;

import java.util.regex.Pattern;

/**
 * Keeps secrets out of messages: every exception message and log line that shows a store URL or
 * a driver's message passes through here first.
 *
 * <p>One rule for every URL form a store accepts, whatever its scheme (known or not):
 * <ul>
 *   <li>the value of every parameter whose name contains {@code password}, {@code passwd},
 *       {@code pwd}, {@code secret} or {@code token} (any case), in a query ({@code ?a=1&sslpassword=x}, up to the next {@code &}, {@code ;} or space,
 *       also after {@code ;}) and in MySQL's key-value host forms ({@code (host=h)(password=x)},
 *       {@code (host=h,password=x)});</li>
 *   <li>everything between the {@code :} after a user name and the last {@code @} of a
 *       {@code //user:password@host} part, so a password holding {@code /}, {@code :} or
 *       {@code @} is masked whole.</li>
 * </ul>
 * A value ends at its separator or at a space: a password holding a raw space (or, in a host form,
 * a raw {@code ,} or {@code )}) must be percent-encoded, as in any URL, or its tail shows. Where
 * a URL is ambiguous the rule masks more: {@code //db:5432/app?user=a@b.example} loses its port
 * and path to the mask.
 */
public final class Secrets {

    private static final String SECRET_NAME = "[\\w.-]*(?:password|passwd|pwd|secret|token)[\\w.-]*";
    /** A secret query parameter: its value runs to the next {@code &} or {@code ;}. */
    private static final Pattern QUERY_SECRET = Pattern.compile("(?i)([?&;]\\s*" + SECRET_NAME + "\\s*=)[^&;\\s]*");
    /** A secret in a key-value host form: its value runs to the next {@code )} or {@code ,}. */
    private static final Pattern HOST_FORM_SECRET = Pattern.compile("(?i)([(,]\\s*" + SECRET_NAME + "\\s*=)[^),\\s]*");
    /** The password of a {@code //user:password@} part, up to the last {@code @}. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:?#\\s]*:)\\S*@");
    private static final String MASK = "****";

    private Secrets() {
    }

    /**
     * Masks every secret of a store URL, by the rule above.
     *
     * @return the URL with each secret replaced by {@code ****}; {@code null} stays null
     */
    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        String masked = QUERY_SECRET.matcher(url).replaceAll("$1" + MASK);
        masked = HOST_FORM_SECRET.matcher(masked).replaceAll("$1" + MASK);
        return USER_INFO.matcher(masked).replaceAll("$1" + MASK + "@");
    }

    /**
     * Masks every occurrence of {@code password} in {@code text}, and every secret of any URL the
     * text contains.
     *
     * @return the text without the secrets; {@code null} stays null
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
