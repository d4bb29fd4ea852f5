package dev.agentsession.cli;

import dev.agentsession.SessionAlreadyExistsException;
import dev.agentsession.SessionStoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * {@code session-cli}: looks at, exports, imports, copies, prunes, backs up and checks any store
 * from a shell, and serves a read-only page to look at conversations in a browser. Every command takes the store URL from {@code --url} or {@code AGENTSESSION_URL}.
 * Exit codes: 0 success, 1 the store or a file failed, 2 bad arguments or input (an import's
 * session id the store already holds included), 3 {@code doctor} found a problem. Errors are one line on standard error; passwords are never printed.
 */
@Command(name = "session-cli", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "session-cli 0.1.0-SNAPSHOT",
        description = "Look at and move agent-session stores.",
        subcommands = {ListCommand.class, ShowCommand.class, ExportCommand.class, ImportCommand.class,
            CopyCommand.class, PruneCommand.class, BackupCommand.class, StatsCommand.class, EraseUserCommand.class,
            DoctorCommand.class, ServeCommand.class},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:success", "1:the store or a file failed", "2:bad arguments or input",
            "3:doctor found a problem"})
public final class SessionCli implements Runnable {

    /** The store or a file failed. */
    static final int FAILED = 1;
    /** Bad arguments or input. */
    static final int BAD_INPUT = 2;
    /** {@code doctor} found a problem. */
    static final int PROBLEM = 3;

    /** Runs the tool and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** @return the exit code of running the tool with these arguments */
    static int run(String... args) {
        return run(new PrintWriter(System.err, true, Charset.defaultCharset()), args);
    }

    /** @return the exit code of running the tool with these arguments, its errors written to {@code err} */
    static int run(PrintWriter err, String... args) {
        Failures.maskLibraryLogs(err);
        CommandLine line = new CommandLine(new SessionCli());
        line.setErr(err);
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setExecutionExceptionHandler((exception, command, parsed) -> {
            command.getErr().println("session-cli: " + Failures.describe(exception));
            if (exception instanceof SessionAlreadyExistsException) {
                return BAD_INPUT;
            }
            return exception instanceof SessionStoreException || exception instanceof UncheckedIOException
                    || exception instanceof IOException ? FAILED : BAD_INPUT;
        });
        line.setParameterExceptionHandler((exception, arguments) -> {
            CommandLine command = exception.getCommandLine();
            command.getErr().println("session-cli: " + Failures.describe(exception));
            command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more.");
            return BAD_INPUT;
        });
        return line.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
