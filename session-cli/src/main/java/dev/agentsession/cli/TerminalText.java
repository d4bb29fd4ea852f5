package dev.agentsession.cli;

/**
 * Makes stored text safe to print on a terminal, as {@code less} does by default: a stored
 * message can hold escape sequences that would set the window title, change colours or write
 * the clipboard.
 *
 * <p>Shown in caret notation: C0 control characters except newline and tab ({@code ESC} is
 * {@code ^[}, {@code BEL} is {@code ^G}) and {@code DEL} ({@code ^?}). Shown as {@code <U+XXXX>}:
 * C1 control characters (U+0080 to U+009F, among them the one-character CSI and OSC) and the
 * bidirectional overrides and isolates (U+202A to U+202E, U+2066 to U+2069), which can make a
 * line read differently from what it holds. Everything else, any script and emoji, is printed
 * as it is.
 */
final class TerminalText {

    private TerminalText() {
    }

    /** @return {@code text} with every character above shown escaped; null stays null */
    static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String shown = shown(c);
            if (shown != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (shown != null) {
                    out.append(shown);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** @return how {@code c} is shown, or null when it is printed as it is */
    private static String shown(char c) {
        if (c == '\n' || c == '\t') {
            return null;
        }
        if (c < 0x20) {
            return "^" + (char) (c + 0x40);
        }
        if (c == 0x7f) {
            return "^?";
        }
        if ((c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
            return String.format("<U+%04X>", (int) c);
        }
        return null;
    }
}
