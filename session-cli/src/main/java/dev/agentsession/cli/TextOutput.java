package dev.agentsession.cli;

import picocli.CommandLine.Option;

/** How a command prints stored text on a terminal: escaped ({@link TerminalText}) unless {@code --raw}. */
final class TextOutput {

    @Option(names = "--raw", description = "print stored text byte for byte, control characters and escape sequences"
            + " included (by default they are shown as ^[ or <U+009B>, as less does)")
    boolean raw;

    /** @return {@code text} as this command prints it */
    String shown(String text) {
        return raw ? text : TerminalText.escape(text);
    }
}
