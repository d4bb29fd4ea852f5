package dev.agentsession.cli;

import dev.agentsession.portability.Progress;
import dev.agentsession.portability.Summary;
import java.io.PrintStream;

/** A one-line progress report on standard error, redrawn at most five times a second. */
final class ProgressBar implements Progress {

    private final PrintStream err;
    private final String what;
    private long shownAt;
    private boolean shown;

    private ProgressBar(PrintStream err, String what) {
        this.err = err;
        this.what = what;
    }

    /** @return a bar when {@code wanted} or standard error is a terminal, otherwise nothing */
    static Progress on(PrintStream err, String what, boolean wanted) {
        return wanted || System.console() != null ? new ProgressBar(err, what) : Progress.NONE;
    }

    @Override
    public void advanced(long sessions, long events) {
        long now = System.nanoTime();
        if (!shown || now - shownAt > 200_000_000L) {
            err.print("\r" + what + ": " + String.format("%,d", sessions) + " sessions, "
                    + String.format("%,d", events) + " events");
            err.flush();
            shownAt = now;
            shown = true;
        }
    }

    /** Ends the bar's line, if one was drawn, then says on standard error what was done. */
    static void done(Progress progress, String done, Summary summary) {
        if (progress instanceof ProgressBar bar && bar.shown) {
            bar.err.println();
        }
        System.err.println(done + " " + summary.sessions() + " sessions, " + summary.events() + " events, "
                + (summary.appTiers() + summary.userTiers()) + " state tiers; skipped " + summary.skipped());
    }
}
